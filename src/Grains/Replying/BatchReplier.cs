using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Booking.Chat;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Twilio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Replying;

/// <summary>
/// Answers one batch: client or lead, the right prompt, the AI, then the channel the contact wrote on. The reply's
/// parts are recorded under the batch id before the first is sent, so a batch resumed after a crash re-sends only
/// what has no sid and never asks the AI twice. A reply the AI could not give is logged once at warning (a send that
/// fails is logged by <see cref="OutboundSender"/>); no reply because the consultant chose so (AI off, STOP) is no failure.
/// </summary>
public sealed partial class BatchReplier(
    IGrainFactory grains,
    ClientRepository clients,
    ClientRecordsRepository records,
    ReplyLedger ledger,
    MessageQueries messages,
    AiReplyGenerator ai,
    MediaForReply media,
    ContactLanguageStore languages,
    BookingChatTools booking,
    OutboundSender outbound,
    WhatsAppSenders senders,
    IOptions<WhatsAppOptions> whatsApp,
    TimeProvider time,
    ILogger<BatchReplier> logger)
{
    public async Task<BatchOutcome> AnswerAsync(BatchToAnswer batch, CancellationToken cancellationToken)
    {
        // The client and the history are read together (one round trip when statements are shared, SharedRoundTrips).
        var clientLookup = clients.FindByContactAsync(batch.ConsultantId, ConversationKey.ContactPhone(batch.Phone));
        var historyLookup = BatchLastAsync(batch);
        await Task.WhenAll(clientLookup, historyLookup);
        var client = clientLookup.Result;
        var consultant = grains.GetGrain<IConsultantGrain>(batch.ConsultantId);
        var settings = await consultant.GetReplySettingsAsync();
        IReadOnlyList<ReplyIntent> parts = batch.NeverAnswered ? [] : await ledger.GetReplyIntentsAsync(batch.ConsultantId, batch.BatchId);
        if (parts.Count == 0)
        {
            var history = historyLookup.Result;
            var channel = MessageChannel.Of(batch.Phone);
            if (settings is null && channel == MessageChannel.Simulator)
            {
                settings = await consultant.GetSimulatorReplySettingsAsync();
            }

            var language = LanguageRule.Current(await languages.GetAsync(batch.ConsultantId, batch.Phone), client?.Language, batch.Phone);
            var optOut = batch.OptOutChange;
            if (WhyNoAutomaticReply(settings, batch.AiEnabled, batch.OptedOut, optOut) is { } reason)
            {
                return new BatchOutcome(client, [], reason, time.GetUtcNow());
            }

            // STOP and START get their one confirmation, whatever the AI settings; everything else the AI answers. What
            // the booking tools change is confirmed by the system apart (BookingChatNotices), even if this reply fails or is cancelled.
            var reply = optOut switch
            {
                OptOutChange.OptOut => new AiReplyResult(ContactTexts.OptOutConfirmation(language.Language), null),
                OptOutChange.OptIn => new AiReplyResult(ContactTexts.OptInConfirmation(language.Language), null),
                _ => await GenerateAsync(batch, client, settings!, history, language.Language,
                    await booking.OpenAsync(batch.ConsultantId, batch.Phone, batch.BatchId, language.Language), cancellationToken),
            };
            if (reply.Text is null)
            {
                // The problem is our own wording (no key, the quota, the AI's HTTP status): no message text, no key.
                NoReply(logger, ConversationKey.IdFor(batch.ConsultantId, batch.Phone), reply.Problem!);
                return new BatchOutcome(client, [], reply.Problem, time.GetUtcNow(), reply.AwaitsAiKey);
            }

            cancellationToken.ThrowIfCancellationRequested(); // the consultant took over while the AI was thinking
            var origin = optOut == OptOutChange.None ? MessageOrigin.Ai : MessageOrigin.System;
            parts = await ledger.RecordReplyIntentAsync(batch.ConsultantId, batch.Phone, batch.BatchId,
                MessageSplitter.Split(reply.Text, whatsApp.Value.MaxReplyParts), channel, origin, time.GetUtcNow());
        }
        else if (batch.OptedOut && batch.OptOutChange != OptOutChange.OptOut)
        {
            // Resumed after a crash, but the contact opted out meanwhile: what was prepared is not sent.
            await ledger.CancelUnsentRepliesAsync(batch.ConsultantId, batch.BatchId);
            return new BatchOutcome(client, [], NoReplyReasons.OptedOut, time.GetUtcNow());
        }

        var sender = senders.From(settings);
        var sent = new List<ReplyIntent>();
        foreach (var part in parts)
        {
            if (part.TwilioSid is null)
            {
                var problem = await outbound.SendAsync(
                    new OutboundMessage(batch.ConsultantId, part.Id, batch.Phone, part.Body, part.Channel), sender, cancellationToken);
                if (problem is not null)
                {
                    return new BatchOutcome(client, sent, problem, time.GetUtcNow());
                }
            }

            sent.Add(part);
        }

        return new BatchOutcome(client, sent, null, time.GetUtcNow());
    }

    /// <summary>Why nothing automatic answers this batch (null: something does); guided flows ask the same before answering.</summary>
    public static string? WhyNoAutomaticReply(ConsultantReplySettings? settings, bool aiEnabled, bool optedOut, OptOutChange change) => settings switch
    {
        null => SendProblemText.NotConfigured,
        { IsActive: false } => NoReplyReasons.Paused,
        _ when change != OptOutChange.None => null,
        _ when optedOut => NoReplyReasons.OptedOut,
        { AutoResponseEnabled: false } => NoReplyReasons.AutoResponseOff,
        _ when !aiEnabled => NoReplyReasons.AiOff,
        _ => null,
    };

    /// <summary>The conversation's recent messages, with the batch being answered last even if an earlier reply was sent after it arrived.</summary>
    private async Task<IReadOnlyList<MessageRow>> BatchLastAsync(BatchToAnswer batch)
    {
        var recent = await messages.GetRecentAsync(batch.ConsultantId, batch.Phone, whatsApp.Value.HistoryMessages);
        return recent.Where(m => m.BatchId != batch.BatchId).Concat(recent.Where(m => m.BatchId == batch.BatchId)).ToList();
    }

    private async Task<AiReplyResult> GenerateAsync(
        BatchToAnswer batch, Client? client, ConsultantReplySettings settings, IReadOnlyList<MessageRow> history, ContactLanguage language,
        BookingChat bookingChat, CancellationToken cancellationToken)
    {
        // What the prompt needs from the database is read together: the client's records with the booking facts.
        var recordsLookup = client is null ? Task.FromResult<ClientRecords?>(null) : ReadRecordsAsync(batch.ConsultantId, client.Id);
        var bookingRulesLookup = booking.PromptAsync(bookingChat);
        await Task.WhenAll(recordsLookup, bookingRulesLookup);
        var bookingRules = bookingRulesLookup.Result;
        history = await media.DescribeAsync(batch.ConsultantId, batch.BatchId, history, cancellationToken);
        var now = time.GetUtcNow();
        if (client is null)
        {
            var leadPrompt = ReplyPromptBuilder.ForLead(settings.AcquisitionScript, batch.DisplayName, history, language, now, bookingRules);
            return await ai.GenerateAsync(batch.ConsultantId, batch.Phone, settings, forClient: false, leadPrompt, cancellationToken, bookingChat.Tools);
        }

        var batchText = string.Join('\n', history.Where(m => m.BatchId == batch.BatchId).Select(m => m.Body));
        var clientPrompt = ReplyPromptBuilder.ForClient(
            settings.Persona, client, recordsLookup.Result!, history, IntentDetector.Detect(batchText), language, now, bookingRules);
        return await ai.GenerateAsync(batch.ConsultantId, batch.Phone, settings, forClient: true, clientPrompt, cancellationToken, bookingChat.Tools);
    }

    private async Task<ClientRecords?> ReadRecordsAsync(Guid consultantId, Guid clientId) => await records.GetAsync(consultantId, clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No automatic reply in conversation {ConversationId}: {Reason}")]
    private static partial void NoReply(ILogger logger, Guid conversationId, string reason);
}
