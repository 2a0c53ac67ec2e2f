using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Clients;
using Consultant.Grains.Twilio;
using Consultant.Grains.WhatsApp;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

public sealed record BatchToAnswer(Guid ConsultantId, string Phone, Guid BatchId, bool AiEnabled, string? DisplayName);

/// <summary>What happened to a batch. <see cref="Problem"/> set: the consultant has to reply (shown in the dashboard).</summary>
public sealed record BatchOutcome(Client? Client, IReadOnlyList<ReplyIntent> SentParts, string? Problem, DateTimeOffset At);

/// <summary>
/// Answers one batch: client or lead, the right prompt, the AI, then Twilio. The reply's parts are recorded
/// under the batch id before the first is sent, so a batch resumed after a crash re-sends only what has no
/// Twilio sid and never asks the AI twice.
/// </summary>
public sealed class BatchReplier(
    IGrainFactory grains,
    ClientRepository clients,
    ClientRecordsRepository records,
    MessageRepository messages,
    AiReplyGenerator ai,
    ITwilioGateway twilio,
    SecretProtector secrets,
    IOptions<WhatsAppOptions> whatsApp,
    IOptions<TwilioOptions> twilioOptions,
    TimeProvider time)
{
    public async Task<BatchOutcome> AnswerAsync(BatchToAnswer batch, CancellationToken cancellationToken)
    {
        var client = await clients.FindByPhoneAsync(batch.ConsultantId, batch.Phone);
        var settings = await grains.GetGrain<IConsultantGrain>(batch.ConsultantId).GetReplySettingsAsync();
        var reason = WhyNoAutomaticReply(settings, batch.AiEnabled);
        if (reason is not null)
        {
            return new BatchOutcome(client, [], reason, time.GetUtcNow());
        }

        var parts = await messages.GetReplyIntentsAsync(batch.ConsultantId, batch.BatchId);
        if (parts.Count == 0)
        {
            var reply = await GenerateAsync(batch, client, settings!, cancellationToken);
            if (reply.Text is null)
            {
                return new BatchOutcome(client, [], reply.Problem, time.GetUtcNow());
            }

            parts = await messages.RecordReplyIntentAsync(
                batch.ConsultantId, batch.Phone, batch.BatchId, MessageSplitter.Split(reply.Text), time.GetUtcNow());
        }

        var credentials = new TwilioCredentials(settings!.AccountSid, secrets.Unprotect(settings.ProtectedAuthToken));
        var sent = new List<ReplyIntent>();
        foreach (var part in parts)
        {
            if (part.TwilioSid is not null)
            {
                sent.Add(part);
                continue;
            }

            var problem = await SendPartAsync(batch, settings, credentials, part, cancellationToken);
            if (problem is not null)
            {
                return new BatchOutcome(client, sent, problem, time.GetUtcNow());
            }

            sent.Add(part);
        }

        return new BatchOutcome(client, sent, null, time.GetUtcNow());
    }

    private static string? WhyNoAutomaticReply(ConsultantReplySettings? settings, bool aiEnabled) => settings switch
    {
        null => "WhatsApp is not configured, so nothing can be sent.",
        { IsActive: false } => "The WhatsApp integration is paused (Active is off in the settings).",
        { AutoResponseEnabled: false } => "Auto Response is off: reply by hand.",
        _ when !aiEnabled => "The AI is off for this conversation: reply by hand.",
        _ => null,
    };

    private async Task<AiReplyResult> GenerateAsync(BatchToAnswer batch, Client? client, ConsultantReplySettings settings, CancellationToken cancellationToken)
    {
        var recent = await messages.GetRecentAsync(batch.ConsultantId, batch.Phone, whatsApp.Value.HistoryMessages);
        // The batch being answered goes last, even if an earlier reply was sent after it arrived.
        var history = recent.Where(m => m.BatchId != batch.BatchId).Concat(recent.Where(m => m.BatchId == batch.BatchId)).ToList();
        var now = time.GetUtcNow();
        if (client is null)
        {
            var leadPrompt = ReplyPromptBuilder.ForLead(settings.AcquisitionScript, batch.DisplayName, history, now);
            return await ai.GenerateAsync(batch.ConsultantId, null, useConsultantKey: false, leadPrompt, cancellationToken);
        }

        var batchText = string.Join('\n', history.Where(m => m.BatchId == batch.BatchId).Select(m => m.Body));
        var clientRecords = await records.GetAsync(batch.ConsultantId, client.Id);
        var clientPrompt = ReplyPromptBuilder.ForClient(settings.Persona, client, clientRecords, history, IntentDetector.Detect(batchText), now);
        return await ai.GenerateAsync(batch.ConsultantId, settings.ProtectedAiApiKey, useConsultantKey: true, clientPrompt, cancellationToken);
    }

    /// <summary>Sends one part, retrying transient Twilio failures with back-off. Returns a problem in words, or null.</summary>
    private async Task<string?> SendPartAsync(
        BatchToAnswer batch, ConsultantReplySettings settings, TwilioCredentials credentials, ReplyIntent part, CancellationToken cancellationToken)
    {
        var options = twilioOptions.Value;
        var delay = TimeSpan.FromSeconds(options.RetryDelaySeconds);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await twilio.SendWhatsAppAsync(credentials, settings.WhatsAppNumber, batch.Phone, part.Body, null, cancellationToken);
                await RecordSentAsync(batch.ConsultantId, part.Id, result, cancellationToken);
                return null;
            }
            catch (TwilioRequestException ex) when (ex.IsTransient && attempt < options.MaxAttempts)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
            catch (TwilioRequestException ex)
            {
                await messages.MarkFailedAsync(batch.ConsultantId, part.Id, ex.Message);
                return $"The reply could not be sent: {ex.Message}";
            }
        }
    }

    /// <summary>
    /// Twilio has the message: record its sid, trying hard, because a part without a sid is sent again if the
    /// batch is resumed. Only if the database stays down for the whole back-off does the exception escape.
    /// </summary>
    private async Task RecordSentAsync(Guid consultantId, Guid messageId, TwilioSentMessage result, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await messages.MarkSentAsync(consultantId, messageId, result.Sid, result.Status, time.GetUtcNow());
                return;
            }
            catch (Npgsql.NpgsqlException) when (attempt < 5)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }
}
