using Consultant.Grains.Storage;
using Consultant.Grains.Booking;
using Consultant.Grains.Flows;
using Consultant.Grains.Inbound;
using Consultant.Grains.Realtime;
using Consultant.Grains.Replying;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

/// <summary>
/// A conversation's answering: its one-shot timer, re-armed by every message, takes the batch in flight (resumed
/// after a crash) or the pending messages as a new batch, has <see cref="FlowAnswering"/> answer it (a guided flow's
/// step, or <see cref="BatchAnswering"/>), sends the confirmations the booking tools' changes owe the contact
/// (<see cref="BookingChatNotices"/>: also when the consultant took over, before the batch is marked handled so a crash
/// resumes them), and settles it; then the next batch, until nothing is owed or a new burst is still arriving. One per
/// grain activation. The timer
/// callback interleaves so webhooks are acknowledged while the AI is thinking; a failure (the database, say) leaves
/// what was not written pending or in flight and tries again shortly.
/// </summary>
public sealed partial class AnsweringLoop(IAnsweringConversation conversation, AnsweringLoop.Services services)
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private IGrainTimer? timer; // registered while something is owed; released when a pass ends with nothing owed
    private bool armedDuringPass;
    private CancellationTokenSource? takeOver; // cancelled when the consultant answers while the AI is preparing a reply
    private Guid? startedNotTried; // the batch this activation just started, until its first try: it has no reply recorded
    private bool bookingNoticesRead; // this activation read the table once: after that only what this silo records is news
    private bool receiveFailedWhileAnswering;

    /// <summary>A batch is being taken, answered or settled right now.</summary>
    public bool Answering { get; private set; }

    private ConversationState State => conversation.State;

    // The shared services by the names the loop's code uses: properties, so no field of their own in each activation.
    private FlowAnswering replies => services.Replies;

    private BookingChatNotices bookingNotices => services.BookingNotices;

    private DebounceSchedule debounce => services.Debounce;

    private InboundMessageStore inbound => services.Inbound;

    private ConversationPublisher publisher => services.Publisher;

    private IOptions<AcknowledgementOptions> acknowledgement => services.Acknowledgement;

    private TimeProvider time => services.Time;

    private ILogger<AnsweringLoop> logger => services.Logger;

    /// <summary>One shot, <paramref name="due"/> from now; re-arming replaces the previous due time.</summary>
    public void Arm(TimeSpan due)
    {
        armedDuringPass = true;
        timer ??= conversation.RegisterGrainTimer(OnTimerAsync,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Due when the pending burst has been quiet long enough (at once for a batch in flight).</summary>
    public void ArmIfWorkWaits()
    {
        if (State.HasWork)
        {
            Arm(State.InFlight is not null ? TimeSpan.Zero : DueAfterLastPending());
        }
    }

    /// <summary>After a new message: wait for the burst to end (a batch being answered re-arms itself when done).</summary>
    public void ArmForNewMessage()
    {
        if (!Answering)
        {
            Arm(DueAfterLastPending());
        }
    }

    /// <summary>A receive failed, perhaps after storing its message: look at the table when a burst would be due.</summary>
    public void ArmAfterFailedReceive()
    {
        if (Answering)
        {
            receiveFailedWhileAnswering = true; // armed when this pass ends
            return;
        }

        Arm(debounce.DueIn([time.GetUtcNow(), .. State.Pending.Select(p => p.ReceivedAt)]));
    }

    /// <summary>The reply the AI is preparing is not sent (it may already be on its way if Twilio was being called).</summary>
    public void CancelReplyInPreparation() => takeOver?.Cancel();

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        AcknowledgementPath.Leave(); // armed during a receive's turn: answering is not what an acknowledgement waits for
        if (Answering)
        {
            return;
        }

        Answering = true;
        armedDuringPass = false;
        receiveFailedWhileAnswering = false; // this pass looks at the table before each batch; a receive failing after sets it again
        try
        {
            while (await TakeBatchAsync() is { } batch)
            {
                await AnswerAsync(batch, cancellationToken);
                if (State.Pending.Count > 0 && DueAfterLastPending() > TimeSpan.Zero)
                {
                    Arm(DueAfterLastPending()); // a new burst is still arriving: let it finish
                    return;
                }
            }

            await TellBookingChangesAsync(cancellationToken); // any left by a batch dropped when the consultant took over
            if (State.Pending.Count > 0)
            {
                Arm(DueAfterLastPending()); // a message that arrived meanwhile did not arm the timer: the loop was answering
            }
            else if (receiveFailedWhileAnswering)
            {
                Arm(debounce.DueIn([time.GetUtcNow()])); // its message may be in the table only
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AnsweringFailed(logger, ex, State.InFlight?.BatchId);
            Arm(RetryAfterFailure);
        }
        finally
        {
            Answering = false;
            if (!armedDuringPass)
            {
                ReleaseTimer();
            }
        }
    }

    /// <summary>
    /// Nothing is owed: the timer goes until the next message arms one again. A conversation stays active for a while
    /// after its answer (Orleans' collection age), and an idle timer is a few hundred bytes of each (bench/NOTES.md, memory).
    /// Last thing in the timer's own callback: disposing it cancels the callback's token, which nothing uses any more.
    /// </summary>
    private void ReleaseTimer()
    {
        timer?.Dispose();
        timer = null;
    }

    /// <summary>The batch in flight, or the pending messages as a new batch (written before anything is sent).</summary>
    private async Task<ReplyBatch?> TakeBatchAsync()
    {
        if (State.InFlight is null)
        {
            if (acknowledgement.Value.MessagesTableIsTheBuffer)
            {
                // The burst is what the table holds: a message stored by a receive that then failed joins it.
                await conversation.TakeBackAfterFailedReceiveAsync();
            }

            if (State.Pending.Count == 0)
            {
                return null;
            }

            await conversation.AfterTheTurnSettledAsync(); // the messages' hooks first: the language, the follow-ups moved
            var started = State.StartBatch();
            await conversation.SaveBatchStartAsync(started);
            startedNotTried = started.BatchId;
        }

        await inbound.AssignBatchAsync(conversation.ConsultantId, State.InFlight!.MessageIds, State.InFlight.BatchId);
        return State.InFlight;
    }

    /// <summary>A failure (the database, say) leaves the batch in flight: the loop retries it.</summary>
    private async Task AnswerAsync(ReplyBatch batch, CancellationToken cancellationToken)
    {
        // Its own source, per batch: a silo shutting down (the timer's token) is not a consultant taking over.
        using var consultantTookOver = new CancellationTokenSource();
        takeOver = consultantTookOver;
        BatchOutcome? outcome;
        try
        {
            var toAnswer = State.ToAnswer(conversation.ConsultantId, conversation.Phone, batch) with { NeverAnswered = startedNotTried == batch.BatchId };
            startedNotTried = null; // a retry after a failure looks up what the first try recorded
            var flowBefore = State.Flow;
            var answered = await replies.AnswerAsync(
                toAnswer, batch.MessageIds, flowBefore, State.IsLeadsFirstBatch(batch), consultantTookOver.Token, cancellationToken);
            outcome = answered.Outcome;
            if (State.Flow == flowBefore)
            {
                State.Flow = answered.Position; // unless the consultant started or stopped a flow meanwhile
            }

            State.FirstBatchAnswered = true;
        }
        finally
        {
            takeOver = null;
        }

        if (outcome is null)
        {
            // The consultant answered by hand meanwhile: the AI's words are not sent, what its tools booked is still confirmed.
            await TellBookingChangesAsync(cancellationToken);
            await FinishAsync(batch, time.GetUtcNow());
            return;
        }

        State.Settle(batch, outcome);
        await TellBookingChangesAsync(cancellationToken);
        await FinishAsync(batch, outcome.At);
        await publisher.AssistantRepliedAsync(
            conversation.ConsultantId, conversation.View(), outcome.SentParts.Select(p => p.Id), outcome.Problem, cancellationToken);
    }

    private async Task FinishAsync(ReplyBatch batch, DateTimeOffset handledAt)
    {
        await inbound.MarkBatchHandledAsync(conversation.ConsultantId, batch.BatchId, handledAt);
        State.InFlight = null;
        await conversation.SaveAsync(updateListRow: true);
    }

    /// <summary>The contact's unsent booking confirmations, as automated messages (origin system) after the reply.</summary>
    private async Task TellBookingChangesAsync(CancellationToken stopping)
    {
        var firstLook = !bookingNoticesRead;
        bookingNoticesRead = false; // a look that fails leaves the next one to read the table
        await bookingNotices.SendUnsentAsync(
            conversation.ConsultantId, conversation.Phone, firstLook, message => conversation.SendAutomatedAsync(message, stopping));
        bookingNoticesRead = true;
    }

    private TimeSpan DueAfterLastPending() => debounce.DueIn(State.Pending.Select(p => p.ReceivedAt).ToList());

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering failed (batch {BatchId}); what was not written stays pending or in flight and is retried shortly")]
    private static partial void AnsweringFailed(ILogger logger, Exception exception, Guid? batchId);

    /// <summary>
    /// What every loop uses, all singletons, in one object the activations share: one field in each active conversation
    /// instead of eight (56 bytes fewer each; bench/NOTES.md, memory).
    /// </summary>
    public sealed record Services(
        FlowAnswering Replies,
        BookingChatNotices BookingNotices,
        DebounceSchedule Debounce,
        InboundMessageStore Inbound,
        ConversationPublisher Publisher,
        IOptions<AcknowledgementOptions> Acknowledgement,
        TimeProvider Time,
        ILogger<AnsweringLoop> Logger);
}
