using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Realtime;
using Consultant.Grains.Replying;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Conversations;

/// <summary>
/// One conversation's state machine: inbound messages are stored and buffered; a one-shot timer, re-armed by every
/// message, answers the whole burst once. The timer callback interleaves (<c>Interleave = true</c>) so webhooks are
/// acknowledged while the AI is thinking; state writes are serialised by <see cref="saving"/>. Timers die with a silo:
/// the recovery sweep (<see cref="IRecoverySweepGrain"/>) wakes a conversation whose messages stay unhandled.
/// The transitions are <see cref="ConversationState"/>'s; <see cref="BatchAnswering"/> answers,
/// <see cref="ConsultantMessageSender"/> sends by hand, <see cref="InboundMediaWork"/> fetches media, and
/// <see cref="ConversationPublisher"/> tells the dashboards and the capabilities (the hooks) of every change.
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Grains)] IPersistentState<ConversationState> state,
    InboundMessageStore inbound,
    ClientRepository clients,
    BatchAnswering replies,
    DebounceSchedule debounce,
    ConsultantMessageSender consultantMessages,
    InboundMediaWork inboundMedia,
    ConversationPublisher publisher,
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
            await IdentifyContactAsync();
        }

        var (row, inserted) = await inbound.InsertInboundAsync(
            consultantId, phone, State.IsLead ? MessageSender.Lead : MessageSender.Client, message.Body, message.MessageSid,
            Math.Max(message.NumMedia, message.Media.Count), message.ProfileName, message.WaId, message.ReceivedAt, MessageChannel.Of(phone));
        if (!inserted && (row.BatchId is not null || State.Holds(row.Id)))
        {
            return ReceiveOutcome.Duplicate;
        }

        // Not inserted but not buffered either: a previous attempt stored the row and failed before this point.
        var mediaIds = await inboundMedia.RecordAsync(consultantId, row.Id, message.Media);
        var (burstStarts, optOutChanged) = State.Buffer(row.Id, message, firstDelivery: inserted, time.GetUtcNow());
        if (optOutChanged && State.OptedOut)
        {
            takeOver?.Cancel(); // nothing automatic goes out after STOP but its one confirmation
        }

        // The list row is refreshed when a burst starts and when it is answered, not on every message (and at once
        // on STOP, so a consultant writing by hand is asked to confirm).
        await SaveAsync(updateListRow: burstStarts || optOutChanged);
        if (!answering)
        {
            ArmTimer(DueAfterLastPending());
        }

        inboundMedia.Start(consultantId, mediaIds);
        if (inserted)
        {
            await publisher.MessageStoredAsync(consultantId, View(), row, message);
        }

        return inserted ? ReceiveOutcome.Accepted : ReceiveOutcome.Duplicate;
    }

    public async Task<ConsultantSendResult> SendByConsultantAsync(
        string text, string consultantName, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken)
    {
        var (waiting, staleBatchId) = State.HandOver(batchBeingAnswered: answering);
        await consultantMessages.CountAsAnsweredAsync(consultantId, waiting, staleBatchId);
        takeOver?.Cancel(); // a reply the AI is preparing is not sent (it may already be on its way if Twilio was being called)
        await SaveAsync(updateListRow: false); // answered by hand: even if the send fails, the AI must not answer them later

        var result = await consultantMessages.SendAsync(consultantId, phone, text, template, attachment, cancellationToken);
        State.CountOutbound(1, result.Message.CreatedAt, ConversationPreview.Of(text, attachment?.MimeType), result.Problem);
        State.MarkRead(time.GetUtcNow());
        await SaveAsync(updateListRow: true);
        await publisher.ConsultantRepliedAsync(consultantId, View(), result, cancellationToken);
        return result;
    }

    public Task<ConversationView> SetAiEnabledAsync(bool enabled, string by)
    {
        State.SwitchAi(enabled, by, time.GetUtcNow());
        return SaveAndShowAsync();
    }

    public Task<ConversationView> MarkReadAsync()
    {
        State.MarkRead(time.GetUtcNow());
        return SaveAndShowAsync();
    }

    public async Task<ConversationView> RecogniseContactAsync()
    {
        await IdentifyContactAsync();
        var view = await SaveAndShowAsync();
        await RetryAfterAiKeyFixAsync(); // a lead become client is answered with another key
        return view;
    }

    public Task ShowAgainAsync() => publisher.ConversationChangedAsync(consultantId, View());

    public async Task RetryAfterAiKeyFixAsync()
    {
        if (State.AwaitingAiKey is null || answering || State.InFlight is not null)
        {
            return;
        }

        var resumed = State.ResumeAwaitingAiKey(windowOpen: WhatsAppWindow.IsOpen(View(), time.GetUtcNow()));
        await SaveAsync(updateListRow: true);
        if (resumed is not null)
        {
            // Owed a reply again: the conversation shows as being answered (and the recovery sweep finds it) until it is.
            await inbound.MarkBatchUnhandledAsync(consultantId, resumed.BatchId);
            ArmTimer(TimeSpan.Zero);
        }
    }

    public async Task WakeAsync()
    {
        if (answering)
        {
            return;
        }

        // Messages the table says are owed a reply but this state does not hold (its write failed after the insert, say).
        if (!State.HasWork && await inbound.GetUnhandledInboundAsync(consultantId, phone) is { Count: > 0 } unhandled)
        {
            State.Adopt(unhandled);
            Adopted(logger, unhandled.Count);
            await SaveAsync(updateListRow: false);
        }

        ArmTimerIfWorkWaits(); // activation armed it if there was work; this re-arms one lost to an error
    }

    private void ArmTimerIfWorkWaits()
    {
        if (State.HasWork)
        {
            ArmTimer(State.InFlight is not null ? TimeSpan.Zero : DueAfterLastPending());
        }
    }

    /// <summary>One shot, <paramref name="due"/> from now; re-arming replaces the previous due time.</summary>
    private void ArmTimer(TimeSpan due)
    {
        debounceTimer ??= this.RegisterGrainTimer(OnTimerAsync,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        debounceTimer.Change(due, Timeout.InfiniteTimeSpan);
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
                await AnswerAsync(batch, cancellationToken);
                if (State.Pending.Count > 0 && DueAfterLastPending() > TimeSpan.Zero)
                {
                    ArmTimer(DueAfterLastPending()); // a new burst is still arriving: let it finish
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database, say: whatever was not written is still pending or in flight; try again shortly.
            AnsweringFailed(logger, ex, State.InFlight?.BatchId);
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

    /// <summary>A failure (the database, say) leaves the batch in flight: the caller retries it.</summary>
    private async Task AnswerAsync(ReplyBatch batch, CancellationToken cancellationToken)
    {
        // Its own source, per batch: a silo shutting down (the timer's token) is not a consultant taking over.
        using var consultantTookOver = new CancellationTokenSource();
        takeOver = consultantTookOver;
        BatchOutcome? outcome;
        try
        {
            outcome = await replies.AnswerAsync(State.ToAnswer(consultantId, phone, batch), batch.MessageIds, consultantTookOver.Token, cancellationToken);
        }
        finally
        {
            takeOver = null;
        }

        if (outcome is null)
        {
            await FinishBatchAsync(batch, time.GetUtcNow()); // the consultant answered by hand meanwhile
            return;
        }

        State.Settle(batch, outcome);
        await FinishBatchAsync(batch, outcome.At);
        await publisher.AssistantRepliedAsync(consultantId, View(), outcome.SentParts.Select(p => p.Id), outcome.Problem, cancellationToken);
    }

    private async Task FinishBatchAsync(ReplyBatch batch, DateTimeOffset handledAt)
    {
        await inbound.MarkBatchHandledAsync(consultantId, batch.BatchId, handledAt);
        State.InFlight = null;
        await SaveAsync(updateListRow: true);
    }

    private TimeSpan DueAfterLastPending() => debounce.DueIn(State.Pending.Select(p => p.ReceivedAt).ToList());

    private async Task IdentifyContactAsync() =>
        State.Identify(await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone)), time.GetUtcNow());

    private async Task<ConversationView> SaveAndShowAsync()
    {
        await SaveAsync(updateListRow: true);
        await publisher.ConversationChangedAsync(consultantId, View());
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

    private ConversationView View() => State.ToView(consultantId, phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted {Count} unanswered message(s) the conversation state did not hold")]
    private static partial void Adopted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering failed (batch {BatchId}); what was not written stays pending or in flight and is retried shortly")]
    private static partial void AnsweringFailed(ILogger logger, Exception exception, Guid? batchId);
}
