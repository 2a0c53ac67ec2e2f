namespace Consultant.Grains.Abstractions;

/// <summary>
/// A message the system sends on its own, outside a reply (a booking change told to the contact, a follow-up, a
/// broadcast, a guided flow's step): sent through <see cref="IConversationGrain.SendAutomatedAsync"/>.
/// </summary>
/// <param name="Text">What the contact reads (with a template: its rendered text, for the record).</param>
/// <param name="Origin">Who or what wrote it, one of <c>Messages/MessageOrigin</c>'s system, followup, broadcast, flow.</param>
/// <param name="Template">An approved template to send instead of free text: the only way once the 24-hour window is closed.</param>
[GenerateSerializer, Immutable]
[Alias("Consultant.AutomatedMessage")]
public sealed record AutomatedMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] string Origin,
    [property: Id(2)] OutboundTemplate? Template = null);
