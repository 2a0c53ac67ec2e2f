using System.Text.RegularExpressions;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Settings;

/// <summary>
/// Validates a consultant's settings and hands them to the consultant grain; used by the API and the dashboard. The
/// Twilio connection, the AI key and the AI's texts are saved each on its own: none needs the others.
/// </summary>
public sealed partial class WhatsAppSettingsService(IGrainFactory grains, AwaitingAiKeyReplies awaitingAiKey)
{
    public const string TwilioConsoleUrl = "https://console.twilio.com/";
    public const int MaxAssistantTextLength = 8000;

    public Task<AiSettingsView> GetAiAsync(Guid consultantId) =>
        grains.GetGrain<IConsultantGrain>(consultantId).GetAiSettingsAsync();

    /// <summary>
    /// Saves the consultant's own AI key (null keeps it, empty removes it) and whether it answers their leads too (null
    /// keeps the setting). Conversations that waited for a key are answered afterwards.
    /// </summary>
    public async Task<Result<AiSettingsView>> SaveAiAsync(Guid consultantId, AiSettingsUpdate form)
    {
        var errors = new ValidationErrors();
        var aiApiKey = ValidAiKey(form.AiApiKey, errors);
        var consultant = grains.GetGrain<IConsultantGrain>(consultantId);
        if (form.AnswerLeadsWithOwnKey == true && errors.IsEmpty
            && (aiApiKey is "" || (aiApiKey is null && !(await consultant.GetAiSettingsAsync()).HasAiApiKey)))
        {
            errors.Add("answerLeadsWithOwnKey", "Save your AI API key first: leads are answered with your own key only when one is saved.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var saved = await consultant.SaveAiSettingsAsync(new AiSettingsUpdate(aiApiKey, form.AnswerLeadsWithOwnKey));
        await awaitingAiKey.RetryAsync(consultantId);
        return saved;
    }

    /// <summary>The key as it will be stored: trimmed, null to keep the stored one, empty to remove it.</summary>
    private static string? ValidAiKey(string? typed, ValidationErrors errors)
    {
        var aiApiKey = typed?.Trim();
        if (aiApiKey is { Length: > InputLimits.AiApiKeyLength })
        {
            errors.Add("aiApiKey", $"The AI API key can have at most {InputLimits.AiApiKeyLength} characters.");
        }
        else if (aiApiKey is not null && aiApiKey.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
        {
            errors.Add("aiApiKey", "An AI API key has no spaces: copy it again from your AI provider (Google AI Studio for Gemini).");
        }

        return aiApiKey;
    }

    public Task<AssistantSettings> GetAssistantAsync(Guid consultantId) =>
        grains.GetGrain<IConsultantGrain>(consultantId).GetAssistantSettingsAsync();

    /// <summary>Saves the persona and acquisition script; empty text restores the default. Null settings: invalid.</summary>
    public async Task<Result<AssistantSettings>> SaveAssistantAsync(Guid consultantId, string? persona, string? acquisitionScript)
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
            return Problem.Invalid(errors);
        }

        return await grains.GetGrain<IConsultantGrain>(consultantId)
            .SaveAssistantSettingsAsync(new AssistantSettings(persona ?? "", acquisitionScript ?? ""));
    }

    public Task<WhatsAppConfigView> GetAsync(Guid consultantId) =>
        grains.GetGrain<IConsultantGrain>(consultantId).GetWhatsAppConfigAsync();

    /// <summary>A passed test connects WhatsApp, which lifts the pool quota: leads that hit it are answered now.</summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(Guid consultantId, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IConsultantGrain>(consultantId).TestTwilioConnectionAsync(cancellationToken);
        if (result.Success)
        {
            await awaitingAiKey.RetryAsync(consultantId);
        }

        return result;
    }

    /// <summary>
    /// The Twilio connection. The grain's own answer (<see cref="SaveWhatsAppConfigResult"/>, a grain contract that stays
    /// as it is for silos of two versions) becomes the field it is about.
    /// </summary>
    public async Task<Result<WhatsAppConfigView>> SaveAsync(Guid consultantId, WhatsAppConfigForm form)
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
        if (authToken is { Length: < InputLimits.MinAuthTokenLength or > InputLimits.MaxAuthTokenLength })
        {
            errors.Add("authToken", "The Auth Token looks wrong: copy the 32 characters shown in the Twilio console.");
        }

        var aiApiKey = ValidAiKey(form.AiApiKey, errors);

        WhatsAppMode mode = WhatsAppMode.Webhook;
        if (!string.IsNullOrWhiteSpace(form.Mode) && !Enum.TryParse(form.Mode.Trim(), ignoreCase: true, out mode))
        {
            errors.Add("mode", "The mode is \"webhook\" or \"polling\".");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var result = await grains.GetGrain<IConsultantGrain>(consultantId).SaveWhatsAppConfigAsync(new WhatsAppConfigUpdate(
            accountSid, authToken, number, form.IsActive, form.AutoResponseEnabled, aiApiKey, mode));
        switch (result.Outcome)
        {
            case SaveWhatsAppConfigOutcome.Saved:
                if (aiApiKey is { Length: > 0 })
                {
                    await awaitingAiKey.RetryAsync(consultantId); // the key came with the Twilio settings (the older form)
                }

                return result.Config;
            case SaveWhatsAppConfigOutcome.AuthTokenRequired:
                return Problem.Invalid("authToken", "The Auth Token is required the first time you save.");
            default:
                return Problem.Conflict("WhatsApp number already in use", "whatsappNumber",
                    $"The number {number} is already connected to another consultant's account.");
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex(@"^\+[0-9]{10,15}$")]
    private static partial Regex E164Pattern();
}
