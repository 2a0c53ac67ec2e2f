namespace Consultant.Grains.Abstractions;

/// <summary>The consultant's assistant texts, editable in the settings.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.AssistantSettings")]
public sealed record AssistantSettings(
    [property: Id(0)] string Persona,
    [property: Id(1)] string AcquisitionScript);
