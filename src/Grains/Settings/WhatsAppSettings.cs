using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Settings;

[GenerateSerializer]
[Alias("Consultant.WhatsAppSettings")]
public sealed class WhatsAppSettings
{
    [Id(0)] public string AccountSid { get; set; } = string.Empty;

    /// <summary>Encrypted with <see cref="SecretProtector"/>; never leaves the grain in clear except to call Twilio.</summary>
    [Id(1)] public string ProtectedAuthToken { get; set; } = string.Empty;

    [Id(2)] public string WhatsAppNumber { get; set; } = string.Empty;

    [Id(3)] public bool IsActive { get; set; }

    [Id(4)] public bool AutoResponseEnabled { get; set; }

    /// <summary>Where the AI key was kept before it became independent of Twilio; read once, moved to <see cref="ConsultantState.ProtectedAiApiKey"/>.</summary>
    [Id(5)] public string? ProtectedAiApiKey { get; set; }

    [Id(6)] public WhatsAppMode Mode { get; set; }

    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
}
