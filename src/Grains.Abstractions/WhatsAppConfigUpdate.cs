namespace Consultant.Grains.Abstractions;

/// <summary>
/// What the consultant submits. A null <see cref="AuthToken"/> or <see cref="AiApiKey"/> keeps the stored
/// secret; an empty <see cref="AiApiKey"/> removes it.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.WhatsAppConfigUpdate")]
public sealed record WhatsAppConfigUpdate(
    [property: Id(0)] string AccountSid,
    [property: Id(1)] string? AuthToken,
    [property: Id(2)] string WhatsAppNumber,
    [property: Id(3)] bool IsActive,
    [property: Id(4)] bool AutoResponseEnabled,
    [property: Id(5)] string? AiApiKey,
    [property: Id(6)] WhatsAppMode Mode);
