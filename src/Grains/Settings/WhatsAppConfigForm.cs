namespace Consultant.Grains.Settings;

/// <summary>The settings form as typed by the consultant, before validation.</summary>
public sealed record WhatsAppConfigForm(
    string? AccountSid,
    string? AuthToken,
    string? WhatsAppNumber,
    bool IsActive,
    bool AutoResponseEnabled,
    string? AiApiKey,
    string? Mode);
