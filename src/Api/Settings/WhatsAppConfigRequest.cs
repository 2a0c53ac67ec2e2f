namespace Consultant.Api.Settings;

public sealed record WhatsAppConfigRequest(
    string? AccountSid,
    string? AuthToken,
    string? WhatsappNumber,
    bool? IsActive,
    bool? AutoResponseEnabled,
    string? AiApiKey,
    string? Mode);
