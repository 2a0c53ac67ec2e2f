using Orleans.Concurrency;

namespace Consultant.Grains.Abstractions;

/// <summary>
/// One consultant (tenant): their WhatsApp settings and encrypted credentials. Keyed by the consultant id.
/// </summary>
[Alias("Consultant.IConsultantGrain")]
public interface IConsultantGrain : IGrainWithGuidKey
{
    [Alias("GetWhatsAppConfig")]
    Task<WhatsAppConfigView> GetWhatsAppConfigAsync();

    /// <summary>Validated input only: the API checks formats before calling.</summary>
    [Alias("SaveWhatsAppConfig")]
    Task<SaveWhatsAppConfigResult> SaveWhatsAppConfigAsync(WhatsAppConfigUpdate update);

    /// <summary>Fetches the Twilio account with the stored credentials and remembers the outcome.</summary>
    [Alias("TestTwilioConnection")]
    Task<ConnectionTestResult> TestTwilioConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// For the silo's own pipeline (webhook check, replies, polling); null until WhatsApp is configured. Read-only, so
    /// the calls run side by side: every webhook and every answer of the consultant asks, and one of them reading the
    /// account's language (cached for seconds) held all the others in a queue (bench/NOTES.md, session 21).
    /// </summary>
    [Alias("GetReplySettings")]
    [ReadOnly]
    Task<ConsultantReplySettings?> GetReplySettingsAsync();

    /// <summary>
    /// For the simulator's replies: the saved settings, or without WhatsApp the assistant's texts and the AI key with
    /// nothing to send through (the simulator works without a Twilio account).
    /// </summary>
    [Alias("GetSimulatorReplySettings")]
    [ReadOnly]
    Task<ConsultantReplySettings> GetSimulatorReplySettingsAsync();

    [Alias("GetAiSettings")]
    Task<AiSettingsView> GetAiSettingsAsync();

    /// <summary>Validated input only; independent of the WhatsApp (Twilio) settings.</summary>
    [Alias("SaveAiSettings")]
    Task<AiSettingsView> SaveAiSettingsAsync(AiSettingsUpdate update);

    [Alias("GetAssistantSettings")]
    Task<AssistantSettings> GetAssistantSettingsAsync();

    [Alias("SaveAssistantSettings")]
    Task<AssistantSettings> SaveAssistantSettingsAsync(AssistantSettings settings);
}
