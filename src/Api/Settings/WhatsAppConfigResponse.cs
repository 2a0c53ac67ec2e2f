using Consultant.Grains.Abstractions;
using Consultant.Grains.Settings;

namespace Consultant.Api.Settings;

public sealed record WhatsAppConfigResponse(
    ConfigStatus Status,
    string? AccountSid,
    string? WhatsappNumber,
    bool IsActive,
    bool AutoResponseEnabled,
    WhatsAppMode Mode,
    bool HasAuthToken,
    bool HasAiApiKey,
    ConnectionTestResult? LastConnectionTest,
    DateTimeOffset? UpdatedAt,
    string TwilioConsoleUrl)
{
    public static WhatsAppConfigResponse From(WhatsAppConfigView view) => new(
        view.Status, view.AccountSid, view.WhatsAppNumber, view.IsActive, view.AutoResponseEnabled, view.Mode,
        view.HasAuthToken, view.HasAiApiKey, view.LastConnectionTest, view.UpdatedAt, WhatsAppSettingsService.TwilioConsoleUrl);
}
