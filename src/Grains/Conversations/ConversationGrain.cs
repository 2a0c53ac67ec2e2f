using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Hooks;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Realtime;
using Consultant.Grains.Replying;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

/// <summary>
/// One conversation's state machine: inbound messages are stored and buffered; a one-shot timer, re-armed by every
/// message, answers the whole burst once. The timer callback interleaves (<c>Interleave = true</c>) so webhooks are
/// acknowledged while the AI is thinking; state writes are serialised by <see cref="saving"/>.
/// Timers die with a silo: the recovery sweep (<see cref="IRecoverySweepGrain"/>, driven by a reminder) wakes a
/// conversation whose messages stay unhandled, and <see cref="OnActivateAsync"/> re-arms the timer.
/// The work is done by collaborators: <see cref="BatchReplier"/> answers, <see cref="ConsultantMessageSender"/> sends by
/// hand, <see cref="InboundMediaWork"/> fetches media, <see cref="ConversationPublisher"/> shows every change, and
/// the capabilities join through <see cref="IConversationHook"/>.
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Grains)] IPersistentState<ConversationState> state,
    InboundMessageStore inbound,
    ReplyLedger ledger,
    ClientRepository clients,
    BatchReplier replier,
    ConsultantMessageSender consultantMessages,
    InboundMediaWork inboundMedia,
    ConversationPublisher publisher,
    ConversationHooks hooks,
    IOptions<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim saving = new(1, 1);
    private IGrainTimer? debounceTimer;
    private bool answering;
    private CancellationTokenSource? takeOver; // cancelled when the consultant answers while the AI is preparing a reply
    private Guid consultantId;
    private string phone = string.Empty;

    private ConversationState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (consultantId, phone) = ConversationKey.Parse(this.GetPrimaryKeyString());
        ArmTimerIfWorkWaits();
        return Task.CompletedTask;
    }

    public async Task<ReceiveOutcome> ReceiveAsync(InboundWhatsAppMessage message)
    {
        if (!State.Initialized)
        {
            State.Identify(await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone)), time.GetUtcNow());
        }

        var (row, inserted) = await inbound.InsertInboundAsync(
            consultantId, phone, State.IsLead ? MessageSender.Lead : MessageSender.Client, message.Body, message.MessageSid,
            Math.Max(message.NumMedia, message.Media.Count), message.ProfileName, message.WaId, message.ReceivedAt, MessageChannel.Of(phone));
        var alreadyBuffered = State.Pending.Any(p => p.MessageId == row.Id) || State.InFlight?.MessageIds.Contains(row.Id) == true;
        if (!inserted && (row.BatchId is not null || alreadyBuffered))
        {
            return ReceiveOutcome.Duplicate;
        }

        // Not inserted but not buffered either: a previous attempt stored the row and failed before this point.
        var mediaIds = await inboundMedia.RecordAsync(consultantId, row.Id, message.Media);
        var burstStarts = State.Pending.Count == 0;
        var optOutChanged = inserted && State.ApplyOptOutKeyword(message.Body);
        if (optOutChanged && State.OptedOut && answering)
        {
            takeOver?.Cancel(); // nothing automatic goes out after STOP but its one confirmation
        }

        State.Pending.Add(new PendingMessage { MessageId = row.Id, ReceivedAt = time.GetUtcNow() });
        if (inserted)
        {
            State.CountInbound(message);
        }

        // The list row is refreshed when a burst starts and when it is answered, not on every message (and at once
        // on STOP, so a consultant writing by hand is asked to confirm).
        await SaveAsync(updateListRow: burstStarts || optOutChanged);
        if (!answering)
        {
            ArmTimer(DueAfterLastPending());
        }

        inboundMedia.Start(consultantId, mediaIds);
        if (!inserted)
        {
            return ReceiveOutcome.Duplicate;
        }

        await publisher.MessageReceivedAsync(consultantId, new ChatMessageView(
            row.Id, ConversationId, phone, row.Direction, row.Sender, row.Body, row.Status, message.NumMedia, row.Channel, null, row.CreatedAt));
        publisher.ConversationChanged(consultantId, View());
        await hooks.MessageStoredAsync(new StoredInboundMessage(
            consultantId, phone, row.Id, row.Body, message.NumMedia, State.IsLead, message.ReceivedAt));
        return ReceiveOutcome.Accepted;
    }

    public async Task<ConsultantSendResult> SendByConsultantAsync(
        string text, string consultantName, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken)
    {
        await HandOverWaitingMessagesAsync();
        await SaveAsync(updateListRow: false); // answered by hand: even if the send fails, the AI must not answer them later

        var result = await consultantMessages.SendAsync(consultantId, phone, text, template, attachment, cancellationToken);
        State.CountOutbound(1, result.Message.CreatedAt, ConversationPreview.Of(text, attachment?.MimeType), result.Problem);
        State.MarkRead(time.GetUtcNow());
        await SaveAsync(updateListRow: true);

        publisher.MessageSent(consultantId, result.Message);
        publisher.ConversationChanged(consultantId, View());
        await hooks.ReplySentAsync(new SentReply(consultantId, phone, ReplyAuthor.Consultant, [result.Message], result.Problem), cancellationToken);
        return result;
    }

    public Task<ConversationView> SetAiEnabledAsync(bool enabled, string by)
    {
        (State.AiEnabled, State.AiOverriddenAt, State.AiOverriddenBy) = (enabled, time.GetUtcNow(), by);
        return SaveAndShowAsync();
    }

    public Task<ConversationView> MarkReadAsync()
    {
        State.MarkRead(time.GetUtcNow());
        return SaveAndShowAsync();
    }

    public async Task<ConversationView> RecogniseContactAsync()
    {
        State.Identify(await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone)), time.GetUtcNow());
        var view = await SaveAndShowAsync();
        await RetryAfterAiKeyFixAsync(); // a lead become client is answered with another key
        return view;
    }

    /// <summary>
    /// The consultant or an administrator fixed what kept the AI from answering (a key saved, a pool key added, the
    /// contact linked to a client): the batch that waited is answered as if resumed, under its own id. After the
    /// 24-hour window nothing goes out automatically; the consultant sends a template instead.
    /// </summary>
    public async Task RetryAfterAiKeyFixAsync()
    {
        if (State.AwaitingAiKey is not { } batch || answering || State.InFlight is not null)
        {
            return;
        }

        State.AwaitingAiKey = null;
        if (!WhatsAppWindow.IsOpen(View(), time.GetUtcNow()))
        {
            await SaveAsync(updateListRow: true);
            return;
        }

        State.InFlight = batch;
        await SaveAsync(updateListRow: true);
        await inbound.MarkBatchUnhandledAsync(consultantId, batch.BatchId);
        ArmTimer(TimeSpan.Zero);
    }

    public async Task WakeAsync()
    {
        if (answering)
        {
            return;
        }

        if (!State.HasWork)
        {
            await AdoptUnhandledMessagesAsync();
        }

        ArmTimerIfWorkWaits(); // activation armed it if there was work; this re-arms one lost to an error
    }

    /// <summary>
    /// The consultant is answering: what waits for the AI counts as answered by them, and a reply the AI is
    /// preparing is cancelled (it may already be on its way if Twilio was being called).
    /// </summary>
    private async Task HandOverWaitingMessagesAsync()
    {
        State.AwaitingAiKey = null;
        if (State.TakePending() is { Count: > 0 } waiting)
        {
            var batchId = Guid.NewGuid();
            await inbound.AssignBatchAsync(consultantId, waiting, batchId);
            await inbound.MarkBatchHandledAsync(consultantId, batchId, time.GetUtcNow());
        }

        if (answering)
        {
            takeOver?.Cancel();
        }
        else if (State.InFlight is { } stale)
        {
            await inbound.MarkBatchHandledAsync(consultantId, stale.BatchId, time.GetUtcNow());
            State.InFlight = null;
        }
    }

    /// <summary>
    /// Messages the table says are owed a reply but this state does not hold (its write failed after the insert and
    /// Twilio gave up retrying, say): unbatched ones become pending; a batch left behind resumes under its own id,
    /// so a reply already recorded for it is not sent again.
    /// </summary>
    private async Task AdoptUnhandledMessagesAsync()
    {
        var unhandled = await inbound.GetUnhandledInboundAsync(consultantId, phone);
        if (unhandled.Count == 0)
        {
            return;
        }

        State.Adopt(unhandled);
        Adopted(logger, unhandled.Count);
        await SaveAsync(updateListRow: false);
    }

    private void ArmTimerIfWorkWaits()
    {
        if (State.HasWork)
        {
            ArmTimer(State.InFlight is not null ? TimeSpan.Zero : DueAfterLastPending());
        }
    }

    private void ArmTimer(TimeSpan due)
    {
        if (debounceTimer is null)
        {
            debounceTimer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
            {
                Interleave = true,
                KeepAlive = true,
            });
        }
        else
        {
            debounceTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        if (answering)
        {
            return;
        }

        answering = true;
        try
        {
            while (await TakeBatchAsync() is { } batch)
            {
                if (!await AnswerAsync(batch, cancellationToken))
                {
                    ArmTimer(RetryAfterFailure);
                    return;
                }

                if (State.Pending.Count > 0 && DueAfterLastPending() > TimeSpan.Zero)
                {
                    ArmTimer(DueAfterLastPending()); // a new burst is still arriving: let it finish
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage trouble: whatever was not written is still pending or in flight; try again shortly.
            TimerFailed(logger, ex);
            ArmTimer(RetryAfterFailure);
        }
        finally
        {
            answering = false;
        }
    }

    /// <summary>The batch in flight (resumed after a crash), or the pending messages as a new batch.</summary>
    private async Task<ReplyBatch?> TakeBatchAsync()
    {
        if (State.InFlight is null)
        {
            if (State.Pending.Count == 0)
            {
                return null;
            }

            State.StartBatch();
            await SaveAsync(updateListRow: false);
        }

        await inbound.AssignBatchAsync(consultantId, State.InFlight!.MessageIds, State.InFlight.BatchId);
        return State.InFlight;
    }

    /// <summary>False when something unexpected failed (the database, say): the batch stays in flight for a retry.</summary>
    private async Task<bool> AnswerAsync(ReplyBatch batch, CancellationToken cancellationToken)
    {
        // Its own source, per batch: a silo shutting down (the timer's token) is not a consultant taking over.
        using var consultantTookOver = new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, consultantTookOver.Token);
        takeOver = consultantTookOver;
        var toAnswer = new BatchToAnswer(consultantId, phone, batch.BatchId, State.AiEnabled, State.DisplayName, State.OptedOut, batch.OptOutChange);
        BatchOutcome outcome;
        try
        {
            await hooks.BeforeAnswerAsync(
                new AnsweringBatch(consultantId, phone, batch.BatchId, batch.MessageIds, State.AiEnabled, State.OptedOut), either.Token);
            outcome = await replier.AnswerAsync(toAnswer, either.Token);
        }
        catch (OperationCanceledException) when (consultantTookOver.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The consultant answered by hand while the AI was preparing this reply: what it prepared is not sent.
            await ledger.CancelUnsentRepliesAsync(consultantId, batch.BatchId);
            await FinishBatchAsync(batch, time.GetUtcNow());
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            BatchFailed(logger, ex, batch.BatchId);
            return false;
        }
        finally
        {
            takeOver = null;
        }

        State.Identify(outcome.Client, outcome.At);
        State.AwaitingAiKey = outcome.AwaitsAiKey ? batch : null;
        State.CountOutbound(outcome.SentParts.Count, outcome.At,
            outcome.SentParts.Count > 0 ? ConversationPreview.Of(outcome.SentParts[^1].Body, null) : string.Empty, outcome.Problem);
        await FinishBatchAsync(batch, outcome.At);

        var sent = await publisher.MessagesSentAsync(consultantId, outcome.SentParts.Select(p => p.Id));
        publisher.ConversationChanged(consultantId, View());
        await hooks.ReplySentAsync(new SentReply(consultantId, phone, ReplyAuthor.Assistant, sent, outcome.Problem), cancellationToken);
        return true;
    }

    private async Task FinishBatchAsync(ReplyBatch batch, DateTimeOffset handledAt)
    {
        await inbound.MarkBatchHandledAsync(consultantId, batch.BatchId, handledAt);
        State.InFlight = null;
        await SaveAsync(updateListRow: true);
    }

    /// <summary>
    /// The debounce after the latest pending message, but never later than <c>WhatsApp:MaxBatchWaitSeconds</c> after
    /// the first: a contact writing every few seconds still gets an answer.
    /// </summary>
    private TimeSpan DueAfterLastPending()
    {
        var debounced = State.Pending.Max(p => p.ReceivedAt) + TimeSpan.FromSeconds(options.Value.DebounceSeconds);
        var capped = State.Pending.Min(p => p.ReceivedAt) + TimeSpan.FromSeconds(options.Value.MaxBatchWaitSeconds);
        var due = (debounced < capped ? debounced : capped) - time.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    private async Task<ConversationView> SaveAndShowAsync()
    {
        await SaveAsync(updateListRow: true);
        publisher.ConversationChanged(consultantId, View());
        return View();
    }

    /// <summary>Writes the state and then the list row, one at a time (the timer callback interleaves).</summary>
    private async Task SaveAsync(bool updateListRow)
    {
        await saving.WaitAsync();
        try
        {
            await state.WriteStateAsync();
            if (updateListRow)
            {
                await publisher.SaveListRowAsync(consultantId, View(), awaitsAiKey: State.AwaitingAiKey is not null);
            }
        }
        finally
        {
            saving.Release();
        }
    }

    private Guid ConversationId => ConversationKey.IdFor(consultantId, phone);

    private ConversationView View() => State.ToView(consultantId, phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted {Count} unanswered message(s) the conversation state did not hold")]
    private static partial void Adopted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The debounce timer failed; the conversation retries shortly")]
    private static partial void TimerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering batch {BatchId} failed; it stays in flight and is retried")]
    private static partial void BatchFailed(ILogger logger, Exception exception, Guid batchId);
}
