using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Sends one broadcast in a loop that runs beside the grain's calls (so pause and cancel are heard while it waits for a
/// slot): claims one recipient after another at the sender's pace (<see cref="BroadcastSender.ClaimAsync"/>) and sends
/// each without waiting for the previous send to finish (at most <see cref="MaxInFlight"/> at once), until the table
/// says it is no longer running; a pause lets the sends under way finish and record. Holds no
/// state of its own: a new activation (another silo, after a crash) first puts back recipients left mid-send, then
/// goes on. The scheduler's reminder wakes it every minute while it runs, so it is never left asleep.
/// </summary>
[GrainType("broadcast")]
public sealed partial class BroadcastGrain(
    BroadcastStore store, BroadcastSender sender, BroadcastProgressPublisher progress, TimeProvider time, ILogger<BroadcastGrain> logger)
    : Grain, IBroadcastGrain
{
    private static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestIdle = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ShortestIdle = TimeSpan.FromMilliseconds(50); // a row due now but locked a moment: no busy loop
    private const int QualityCheckEvery = 10;

    /// <summary>Sends under way at once: a slow send must not cost the next slot (50 a second leaves 20 ms each).</summary>
    private const int MaxInFlight = 16;

    private Guid consultantId;
    private Guid broadcastId;
    private Task? loop;
    private CancellationTokenSource halt = new();
    private CancellationTokenSource? nap;
    private bool wakeAgain;
    private bool recovered;
    private readonly List<Task<StepOutcome>> inFlight = [];
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
            wakeAgain = true; // the loop may be on its way out after a pause: it looks again before it stops
            nap?.Cancel(); // or idle until a retry's time: a wake (a retry due sooner, a resume) looks again now
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
        var claims = 0;
        var sawFailure = false;
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

                sawFailure |= Harvest();
                if (inFlight.Count >= MaxInFlight)
                {
                    await Task.WhenAny(inFlight);
                    continue;
                }

                if (notBefore - time.GetUtcNow() is var backOff && backOff > TimeSpan.Zero)
                {
                    await NapAsync(backOff < LongestIdle ? backOff : LongestIdle, token); // a rate limit: the whole broadcast waits
                    continue;
                }

                var (step, send) = await sender.ClaimAsync(consultantId, broadcastId, checkQuality: sawFailure || ++claims % QualityCheckEvery == 0, token);
                sawFailure = false;
                if (send is not null)
                {
                    inFlight.Add(sender.SendAsync(consultantId, send));
                }

                if (step.Stopped)
                {
                    await DrainAsync();
                }

                if (step.Stopped)
                {
                    await publishing;
                    await progress.PublishAsync(consultantId, broadcastId);
                }
                else if (time.GetUtcNow() - lastPublished >= PublishEvery && publishing.IsCompleted)
                {
                    publishing = PublishAsync(); // the counts' query must not hold up the next slot
                    lastPublished = time.GetUtcNow();
                }

                if (step.Stopped)
                {
                    if (!wakeAgain)
                    {
                        return;
                    }

                    wakeAgain = false;
                }
                else if (step.IdleUntil is { } until)
                {
                    if (inFlight.Count > 0)
                    {
                        await Task.WhenAny(inFlight); // what is being sent decides whether anything is left
                    }
                    else
                    {
                        var wait = until - time.GetUtcNow();
                        await NapAsync(wait < ShortestIdle ? ShortestIdle : wait < LongestIdle ? wait : LongestIdle, token);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await DrainAsync();
                await progress.PublishAsync(consultantId, broadcastId);
                if (!wakeAgain)
                {
                    return;
                }

                wakeAgain = false;
            }
            catch (Exception ex)
            {
                StepFailed(logger, ex, broadcastId); // the database, say: the scheduler's next wake tries again
                await DrainAsync();
                recovered = false; // a send cut short left its recipient "sending": the next run puts it back first
                return;
            }
        }
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

    /// <summary>Waits until the next retry is due; a wake ends it early, a halt throws.</summary>
    private async Task NapAsync(TimeSpan wait, CancellationToken token)
    {
        using var napping = CancellationTokenSource.CreateLinkedTokenSource(token);
        nap = napping;
        try
        {
            await Task.Delay(wait, time, napping.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            wakeAgain = false; // woken: the next step looks at the table again
        }
        finally
        {
            nap = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the dashboards of broadcast {BroadcastId}'s counts failed")]
    private static partial void PublishFailed(ILogger logger, Exception exception, Guid broadcastId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast {BroadcastId} stopped sending after an error; the next wake goes on")]
    private static partial void StepFailed(ILogger logger, Exception exception, Guid broadcastId);
}
