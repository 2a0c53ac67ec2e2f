using System.Text.RegularExpressions;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;

namespace Consultant.Grains.WhatsApp;

/// <summary>The settings form as typed by the consultant, before validation.</summary>
public sealed record WhatsAppConfigForm(
    string? AccountSid,
    string? AuthToken,
    string? WhatsAppNumber,
    bool IsActive,
    bool AutoResponseEnabled,
    string? AiApiKey,
    string? Mode);

public enum SaveSettingsOutcome
{
    Saved,
    Invalid,
    NumberTaken,
}

public sealed record SaveSettingsResult(SaveSettingsOutcome Outcome, WhatsAppConfigView? Config, ValidationErrors Errors);

/// <summary>Validates WhatsApp settings and hands them to the consultant grain; used by the API and the dashboard.</summary>
public sealed partial class WhatsAppSettingsService(IGrainFactory grains)
{
    public const string TwilioConsoleUrl = "https://console.twilio.com/";
    public const int MaxAssistantTextLength = 8000;

    public Task<AssistantSettings> GetAssistantAsync(Guid consultantId) =>
        grains.GetGrain<IConsultantGrain>(consultantId).GetAssistantSettingsAsync();

    /// <summary>Saves the persona and acquisition script; empty text restores the default. Null settings: invalid.</summary>
    public async Task<(AssistantSettings? Settings, ValidationErrors Errors)> SaveAssistantAsync(Guid consultantId, string? persona, string? acquisitionScript)
    {
        var errors = new ValidationErrors();
        if (persona is { Length: > MaxAssistantTextLength })
        {
            errors.Add("persona", $"The persona can have at most {MaxAssistantTextLength} characters.");
        }

        if (acquisitionScript is { Length: > MaxAssistantTextLength })
        {
            errors.Add("acquisitionScript", $"The acquisition script can have at most {MaxAssistantTextLength} characters.");
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var saved = await grains.GetGrain<IConsultantGrain>(consultantId)
            .SaveAssistantSettingsAsync(new AssistantSettings(persona ?? "", acquisitionScript ?? ""));
        return (saved, errors);
    }

    public Task<WhatsAppConfigView> GetAsync(Guid consultantId) =>
        grains.GetGrain<IConsultantGrain>(consultantId).GetWhatsAppConfigAsync();

    public Task<ConnectionTestResult> TestConnectionAsync(Guid consultantId, CancellationToken cancellationToken) =>
        grains.GetGrain<IConsultantGrain>(consultantId).TestTwilioConnectionAsync(cancellationToken);

    public async Task<SaveSettingsResult> SaveAsync(Guid consultantId, WhatsAppConfigForm form)
    {
        var errors = new ValidationErrors();
        var accountSid = form.AccountSid?.Trim() ?? string.Empty;
        if (!AccountSidPattern().IsMatch(accountSid))
        {
            errors.Add("accountSid", "The Account SID starts with AC followed by 32 hexadecimal characters (see the Twilio console).");
        }

        var number = PhoneNumberNormalizer.StripWhatsAppPrefix(form.WhatsAppNumber?.Trim() ?? string.Empty);
        if (!E164Pattern().IsMatch(number))
        {
            errors.Add("whatsappNumber", "The WhatsApp number is in E.164 format: + and 10 to 15 digits, e.g. +14155238886 (a whatsapp: prefix is accepted).");
        }

        var authToken = string.IsNullOrWhiteSpace(form.AuthToken) ? null : form.AuthToken.Trim();
        if (authToken is { Length: < 16 or > 256 })
        {
            errors.Add("authToken", "The Auth Token looks wrong: copy the 32 characters shown in the Twilio console.");
        }

        var aiApiKey = form.AiApiKey?.Trim();
        if (aiApiKey is { Length: > 512 })
        {
            errors.Add("aiApiKey", "The AI API key can have at most 512 characters.");
        }

        WhatsAppMode mode = WhatsAppMode.Webhook;
        if (!string.IsNullOrWhiteSpace(form.Mode) && !Enum.TryParse(form.Mode.Trim(), ignoreCase: true, out mode))
        {
            errors.Add("mode", "The mode is \"webhook\" or \"polling\".");
        }

        if (!errors.IsEmpty)
        {
            return new SaveSettingsResult(SaveSettingsOutcome.Invalid, null, errors);
        }

        var result = await grains.GetGrain<IConsultantGrain>(consultantId).SaveWhatsAppConfigAsync(new WhatsAppConfigUpdate(
            accountSid, authToken, number, form.IsActive, form.AutoResponseEnabled, aiApiKey, mode));
        switch (result.Outcome)
        {
            case SaveWhatsAppConfigOutcome.Saved:
                return new SaveSettingsResult(SaveSettingsOutcome.Saved, result.Config, errors);
            case SaveWhatsAppConfigOutcome.AuthTokenRequired:
                errors.Add("authToken", "The Auth Token is required the first time you save.");
                return new SaveSettingsResult(SaveSettingsOutcome.Invalid, null, errors);
            default:
                errors.Add("whatsappNumber", $"The number {number} is already connected to another consultant's account.");
                return new SaveSettingsResult(SaveSettingsOutcome.NumberTaken, null, errors);
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^\+[0-9]{10,15}$")]
    private static partial Regex E164Pattern();
}
