using Consultant.Grains.Abstractions;
using Consultant.Grains.Outbound.Pacing;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Sends one broadcast in a loop that runs beside the grain's calls (so pause and cancel are heard while it waits for a
/// slot): claims recipients a small batch ahead (<see cref="BroadcastSender.ClaimAsync"/>, the next batch while this one
/// is sent, so a slow claim costs no slot), takes the sender's slots one ahead, and at each slot sends one without
/// waiting for the previous send to finish (at most <see cref="MaxInFlight"/> at once), until the table says it is no
/// longer running; a pause lets the sends under way finish and record and gives back the claimed rows not sent. Holds
/// no state of its own: a new activation (another silo, after a crash) first puts back recipients left mid-send or
/// claimed, then goes on. The scheduler's reminder wakes it every minute while it runs, so it is never left asleep.
/// </summary>
[GrainType("broadcast")]
public sealed partial class BroadcastGrain(
    BroadcastStore store, BroadcastSender sender, QualityGuard quality, PacedSends paced, BroadcastProgressPublisher progress, TimeProvider time,
    ILogger<BroadcastGrain> logger)
    : Grain, IBroadcastGrain
{
    private static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestIdle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ShortestIdle = TimeSpan.FromMilliseconds(50); // a row due now but locked a moment: no busy loop

    /// <summary>Recipients claimed ahead; the next batch is claimed when fewer than half are left, so a claim may take ten slots.</summary>
    private const int ClaimBatch = 20;

    /// <summary>Sends under way at once: a slow send must not cost the next slot (50 a second leaves 20 ms each).</summary>
    private const int MaxInFlight = 16;

    private Guid consultantId;
    private Guid broadcastId;
    private Task? loop;
    private CancellationTokenSource halt = new();
    private readonly BroadcastWakes wakes = new(time);
    private bool recovered;
    private readonly List<Task<StepOutcome>> inFlight = [];
    private readonly Queue<ClaimedSend> ready = new();
    private Task<(StepOutcome Outcome, IReadOnlyList<ClaimedSend> Sends)>? claiming;
    private Task<DateTimeOffset>? nextSlot;
    private DateTimeOffset notBefore;
    private Task publishing = Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (consultantId, broadcastId) = BroadcastKeys.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task WakeAsync()
    {
        if (halt.IsCancellationRequested)
        {
            halt = new CancellationTokenSource();
        }

        if (loop is null || loop.IsCompleted)
        {
            loop = RunAsync();
        }
        else
        {
            // Napping until a retry's time, between reading the table and napping, or on its way out after a pause: it
            // reads the table again now (a retry due sooner, a resume).
            wakes.Wake();
        }

        return Task.CompletedTask;
    }

    public Task HaltAsync()
    {
        halt.Cancel();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        halt.Cancel();
        if (loop is { } running)
        {
            await running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
        }
    }

    private async Task RunAsync()
    {
        var lastPublished = DateTimeOffset.MinValue;
        while (true)
        {
            var token = halt.Token;
            try
            {
                if (!recovered)
                {
                    await store.RecoverInterruptedAsync(consultantId, broadcastId);
                    recovered = true;
                }

                var stopped = Harvest() && await quality.PauseIfPoorAsync(consultantId, broadcastId);
                if (!stopped)
                {
                    if (inFlight.Count >= MaxInFlight)
                    {
                        await Task.WhenAny(inFlight);
                        continue;
                    }

                    if (notBefore - time.GetUtcNow() is var backOff && backOff > TimeSpan.Zero)
                    {
                        await GiveBackClaimedAsync(); // a rate limit: the whole broadcast waits, its claimed rows queued again
                        await wakes.NapAsync(backOff < LongestIdle ? backOff : LongestIdle, token);
                        continue;
                    }

                    if (ready.Count < ClaimBatch / 2 && claiming is null)
                    {
                        wakes.Reading();
                        claiming = sender.ClaimAsync(consultantId, broadcastId, ClaimBatch - ready.Count, checkQuality: true);
                    }

                    if (ready.Count == 0 || claiming is { IsCompleted: true })
                    {
                        var (step, sends) = await claiming!;
                        claiming = null;
                        sends.ToList().ForEach(ready.Enqueue);
                        stopped = step.Stopped;
                        if (!stopped && ready.Count == 0)
                        {
                            if (inFlight.Count > 0)
                            {
                                await Task.WhenAny(inFlight); // what is being sent decides whether anything is left
                            }
                            else if (step.IdleUntil is { } until)
                            {
                                var wait = until - time.GetUtcNow();
                                await wakes.NapAsync(wait < ShortestIdle ? ShortestIdle : wait < LongestIdle ? wait : LongestIdle, token);
                            }

                            continue;
                        }
                    }
                }

                if (stopped)
                {
                    await GiveBackClaimedAsync();
                    await DrainAsync();
                    await publishing;
                    await progress.PublishAsync(consultantId, broadcastId);
                    if (!wakes.TakeWake())
                    {
                        return;
                    }

                    continue;
                }

                if (time.GetUtcNow() - lastPublished >= PublishEvery && publishing.IsCompleted)
                {
                    publishing = PublishAsync(); // the counts' query must not hold up the next slot
                    lastPublished = time.GetUtcNow();
                }

                // The slot after this one is reserved before waiting for this one: a late turn of the loop costs no slot.
                var slot = await (nextSlot ?? paced.TakeSlotAsync(consultantId));
                nextSlot = paced.TakeSlotAsync(consultantId);
                await paced.WaitUntilAsync(slot, token);
                inFlight.Add(sender.SendAsync(consultantId, ready.Dequeue()));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                nextSlot = null; // a slot not used is simply lost
                await GiveBackClaimedAsync();
                await DrainAsync();
                await progress.PublishAsync(consultantId, broadcastId);
                if (!wakes.TakeWake())
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                StepFailed(logger, ex, broadcastId); // the database, say: the scheduler's next wake tries again
                nextSlot = null;
                await DrainAsync();
                try
                {
                    await GiveBackClaimedAsync();
                }
                catch (Exception releaseError)
                {
                    StepFailed(logger, releaseError, broadcastId); // the claimed rows stay "sending": the next run puts them back
                    ready.Clear();
                    claiming = null;
                }

                recovered = false; // a send cut short left its recipient "sending": the next run puts it back first
                return;
            }
        }
    }

    /// <summary>Queues again the rows claimed ahead and not sent (those of a claim under way too): nothing is lost or sent twice.</summary>
    private async Task GiveBackClaimedAsync()
    {
        if (claiming is { } pending)
        {
            claiming = null;
            try
            {
                (await pending).Sends.ToList().ForEach(ready.Enqueue);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StepFailed(logger, ex, broadcastId);
                recovered = false; // whatever it claimed stays "sending": the next run puts it back first
            }
        }

        var phones = ready.Select(send => send.Recipient.ContactPhone).ToList();
        ready.Clear();
        await store.ReleaseAsync(consultantId, broadcastId, phones);
    }

    /// <summary>Takes in the sends that finished: whether one failed, and a rate limit's wait for the whole broadcast.</summary>
    private bool Harvest()
    {
        var failed = false;
        foreach (var done in inFlight.Where(t => t.IsCompleted).ToList())
        {
            inFlight.Remove(done);
            var outcome = done.GetAwaiter().GetResult(); // a send's exception ends this run (see RunAsync)
            failed |= outcome.Failed;
            if (outcome.IdleUntil is { } until && until > notBefore)
            {
                notBefore = until;
            }
        }

        return failed;
    }

    private async Task PublishAsync()
    {
        try
        {
            await progress.PublishAsync(consultantId, broadcastId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PublishFailed(logger, ex, broadcastId); // the next second's publish tries again
        }
    }

    /// <summary>Lets every started send finish and record its outcome (they are never cut short).</summary>
    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(inFlight);
        }
        catch (Exception ex)
        {
            StepFailed(logger, ex, broadcastId);
            recovered = false;
        }

        inFlight.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the dashboards of broadcast {BroadcastId}'s counts failed")]
    private static partial void PublishFailed(ILogger logger, Exception exception, Guid broadcastId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast {BroadcastId} stopped sending after an error; the next wake goes on")]
    private static partial void StepFailed(ILogger logger, Exception exception, Guid broadcastId);
}
