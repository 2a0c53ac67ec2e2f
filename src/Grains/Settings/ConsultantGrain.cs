using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Ai;
using Consultant.Grains.Storage;
using Consultant.Grains.Twilio;

namespace Consultant.Grains.Settings;

[GrainType("consultant")]
public sealed class ConsultantGrain(
    [PersistentState("consultant", StorageNames.Grains)] IPersistentState<ConsultantState> state,
    WhatsAppNumberRegistry numbers,
    SecretProtector secrets,
    ITwilioGateway twilio,
    WhatsAppSenders senders,
    AiClientCache aiClients,
    AccountSettingsService accountSettings,
    TimeProvider time) : Grain, IConsultantGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The AI key used to be part of the WhatsApp settings; it is the consultant's own now, Twilio or not.
        if (state.State.WhatsApp is { ProtectedAiApiKey: { } earlierKey } whatsApp)
        {
            state.State.ProtectedAiApiKey ??= earlierKey;
            state.State.AiApiKeyHint ??= HintOf(earlierKey);
            whatsApp.ProtectedAiApiKey = null;
        }

        return Task.CompletedTask;
    }

    public Task<WhatsAppConfigView> GetWhatsAppConfigAsync() => Task.FromResult(View());

    public async Task<SaveWhatsAppConfigResult> SaveWhatsAppConfigAsync(WhatsAppConfigUpdate update)
    {
        var current = state.State.WhatsApp;
        if (current is null && string.IsNullOrEmpty(update.AuthToken))
        {
            return new SaveWhatsAppConfigResult(SaveWhatsAppConfigOutcome.AuthTokenRequired, View());
        }

        if (!await numbers.TryClaimAsync(this.GetPrimaryKey(), update.AccountSid, update.WhatsAppNumber))
        {
            return new SaveWhatsAppConfigResult(SaveWhatsAppConfigOutcome.NumberTakenByAnotherConsultant, View());
        }

        if (update.AiApiKey is not null)
        {
            ReplaceAiKey(update.AiApiKey); // the old settings form still carries it
        }

        var credentialsChanged = current is null
            || current.AccountSid != update.AccountSid
            || !string.IsNullOrEmpty(update.AuthToken);

        state.State.WhatsApp = new WhatsAppSettings
        {
            AccountSid = update.AccountSid,
            ProtectedAuthToken = string.IsNullOrEmpty(update.AuthToken) ? current!.ProtectedAuthToken : secrets.Protect(update.AuthToken),
            WhatsAppNumber = update.WhatsAppNumber,
            IsActive = update.IsActive,
            AutoResponseEnabled = update.AutoResponseEnabled,
            Mode = update.Mode,
            UpdatedAt = time.GetUtcNow(),
        };
        if (credentialsChanged)
        {
            // An earlier test says nothing about new credentials.
            state.State.LastConnectionTest = null;
        }

        await state.WriteStateAsync();
        if (current is not null && current.ProtectedAuthToken != state.State.WhatsApp.ProtectedAuthToken)
        {
            senders.Forget(current.ProtectedAuthToken); // other silos: when its short time is up
        }

        // Told, not asked: the poller must not call back into this grain while it is saving.
        await GrainFactory.GetGrain<IWhatsAppPollerGrain>(this.GetPrimaryKey())
            .SetEnabledAsync(update.Mode == WhatsAppMode.Polling && update.IsActive);
        return new SaveWhatsAppConfigResult(SaveWhatsAppConfigOutcome.Saved, View());
    }

    public async Task<ConsultantReplySettings?> GetReplySettingsAsync()
    {
        var settings = state.State.WhatsApp;
        if (settings is null)
        {
            return null;
        }

        var assistant = await AssistantAsync();
        return new ConsultantReplySettings(settings.AccountSid, settings.ProtectedAuthToken, settings.WhatsAppNumber,
            settings.IsActive, settings.AutoResponseEnabled, state.State.ProtectedAiApiKey, settings.Mode,
            assistant.Persona, assistant.AcquisitionScript, state.State.AnswerLeadsWithOwnKey);
    }

    public async Task<ConsultantReplySettings> GetSimulatorReplySettingsAsync()
    {
        var assistant = await AssistantAsync();
        return await GetReplySettingsAsync() ?? new ConsultantReplySettings(
            string.Empty, string.Empty, string.Empty, IsActive: true, AutoResponseEnabled: true, state.State.ProtectedAiApiKey,
            WhatsAppMode.Webhook, assistant.Persona, assistant.AcquisitionScript, state.State.AnswerLeadsWithOwnKey);
    }

    public Task<AiSettingsView> GetAiSettingsAsync() => Task.FromResult(AiView());

    public async Task<AiSettingsView> SaveAiSettingsAsync(AiSettingsUpdate update)
    {
        if (update.AiApiKey is not null)
        {
            ReplaceAiKey(update.AiApiKey);
        }

        if (update.AnswerLeadsWithOwnKey is { } ownKeyForLeads)
        {
            state.State.AnswerLeadsWithOwnKey = ownKeyForLeads && state.State.ProtectedAiApiKey is not null;
        }

        state.State.AiUpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return AiView();
    }

    /// <summary>An empty key removes it, and leads go back to the shared pool.</summary>
    private void ReplaceAiKey(string apiKey)
    {
        if (state.State.ProtectedAiApiKey is { } oldKey)
        {
            aiClients.Forget(secrets.Unprotect(oldKey)); // replaced or removed: its client goes too (other silos: idle limit)
        }

        (state.State.ProtectedAiApiKey, state.State.AiApiKeyHint) = apiKey.Length == 0
            ? ((string?)null, (string?)null)
            : (secrets.Protect(apiKey), AiKeyPool.Hint(apiKey));
        state.State.AnswerLeadsWithOwnKey &= apiKey.Length > 0;
        state.State.AiUpdatedAt = time.GetUtcNow();
    }

    /// <summary>Null when the key ring cannot read it (a missing certificate, say): the page then says only that a key is saved.</summary>
    private string? HintOf(string protectedKey)
    {
        try
        {
            return AiKeyPool.Hint(secrets.Unprotect(protectedKey));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private AiSettingsView AiView() => new(
        state.State.ProtectedAiApiKey is not null, state.State.AiApiKeyHint, state.State.AnswerLeadsWithOwnKey, state.State.AiUpdatedAt);

    public Task<AssistantSettings> GetAssistantSettingsAsync() => AssistantAsync();

    public async Task<AssistantSettings> SaveAssistantSettingsAsync(AssistantSettings settings)
    {
        // Empty text, or a default saved as it was shown, stays the default (in the account's language, whichever it becomes).
        state.State.Persona = OwnText(settings.Persona, AssistantDefaults.Persona, AssistantDefaults.ItalianPersona);
        state.State.AcquisitionScript = OwnText(settings.AcquisitionScript, AssistantDefaults.AcquisitionScript, AssistantDefaults.ItalianAcquisitionScript);
        await state.WriteStateAsync();
        return await AssistantAsync();
    }

    private static string? OwnText(string? text, params string[] defaults) =>
        string.IsNullOrWhiteSpace(text) || defaults.Contains(text.Trim().ReplaceLineEndings("\n")) ? null : text.Trim();

    /// <summary>The consultant's own texts, else the defaults in the account's language.</summary>
    private async Task<AssistantSettings> AssistantAsync()
    {
        if (state.State.Persona is { } persona && state.State.AcquisitionScript is { } script)
        {
            return new AssistantSettings(persona, script);
        }

        var language = (await accountSettings.GetAsync(this.GetPrimaryKey())).UiCulture;
        return new AssistantSettings(
            state.State.Persona ?? AssistantDefaults.PersonaFor(language),
            state.State.AcquisitionScript ?? AssistantDefaults.AcquisitionScriptFor(language));
    }

    public async Task<ConnectionTestResult> TestTwilioConnectionAsync(CancellationToken cancellationToken)
    {
        var settings = state.State.WhatsApp;
        if (settings is null)
        {
            return new ConnectionTestResult(false, TwilioErrorText.NothingToTest, time.GetUtcNow());
        }

        var check = await twilio.CheckAccountAsync(
            senders.CredentialsOf(settings.AccountSid, settings.ProtectedAuthToken), cancellationToken);
        var result = new ConnectionTestResult(check.Success, check.Message, time.GetUtcNow());
        state.State.LastConnectionTest = result;
        await state.WriteStateAsync();
        return result;
    }

    private WhatsAppConfigView View()
    {
        var settings = state.State.WhatsApp;
        if (settings is null)
        {
            return new WhatsAppConfigView(ConfigStatus.NotConfigured, null, null, false, false, WhatsAppMode.Webhook,
                false, state.State.ProtectedAiApiKey is not null, state.State.LastConnectionTest, null);
        }

        var status = state.State.LastConnectionTest is { Success: false } ? ConfigStatus.Error : ConfigStatus.Configured;
        return new WhatsAppConfigView(status, settings.AccountSid, settings.WhatsAppNumber, settings.IsActive,
            settings.AutoResponseEnabled, settings.Mode, HasAuthToken: true, HasAiApiKey: state.State.ProtectedAiApiKey is not null,
            state.State.LastConnectionTest, settings.UpdatedAt);
    }
}
