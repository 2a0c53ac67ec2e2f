namespace Consultant.Grains.Abstractions;

[GenerateSerializer]
[Alias("Consultant.WhatsAppMode")]
public enum WhatsAppMode
{
    Webhook = 0,
    Polling = 1,
}

[GenerateSerializer]
[Alias("Consultant.ConfigStatus")]
public enum ConfigStatus
{
    NotConfigured = 0,
    Configured = 1,
    Error = 2,
}

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

[GenerateSerializer]
[Alias("Consultant.SaveWhatsAppConfigOutcome")]
public enum SaveWhatsAppConfigOutcome
{
    Saved = 0,
    NumberTakenByAnotherConsultant = 1,
    AuthTokenRequired = 2,
}

[GenerateSerializer, Immutable]
[Alias("Consultant.SaveWhatsAppConfigResult")]
public sealed record SaveWhatsAppConfigResult(
    [property: Id(0)] SaveWhatsAppConfigOutcome Outcome,
    [property: Id(1)] WhatsAppConfigView Config);

[GenerateSerializer, Immutable]
[Alias("Consultant.ConnectionTestResult")]
public sealed record ConnectionTestResult(
    [property: Id(0)] bool Success,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset TestedAt);
