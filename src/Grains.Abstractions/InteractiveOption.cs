namespace Consultant.Grains.Abstractions;

/// <summary>
/// One answer a contact can tap in an interactive message (a button, or an item of a list).
/// <see cref="Id"/>: the payload a tap sends back (not shown to the contact); <see cref="Title"/>: what the button or
/// item says; <see cref="Description"/>: the line under a list item (lists only).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.InteractiveOption")]
public sealed record InteractiveOption(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description = null);
