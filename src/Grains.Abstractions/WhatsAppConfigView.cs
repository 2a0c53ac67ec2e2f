namespace Consultant.Grains.Abstractions;

/// <summary>What may be shown: never a secret, only whether one is stored.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.WhatsAppConfigView")]
public sealed record WhatsAppConfigView(
    [property: Id(0)] ConfigStatus Status,
    [property: Id(1)] string? AccountSid,
    [property: Id(2)] string? WhatsAppNumber,
    [property: Id(3)] bool IsActive,
    [property: Id(4)] bool AutoResponseEnabled,
    [property: Id(5)] WhatsAppMode Mode,
    [property: Id(6)] bool HasAuthToken,
    [property: Id(7)] bool HasAiApiKey,
    [property: Id(8)] ConnectionTestResult? LastConnectionTest,
    [property: Id(9)] DateTimeOffset? UpdatedAt);
