using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Sends one broadcast in a loop that runs beside the grain's calls (so pause and cancel are heard while it waits for a
/// slot): one <see cref="BroadcastSender"/> step after another until the table says it is no longer running. Holds no
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
    private const int QualityCheckEvery = 10;

    private Guid consultantId;
    private Guid broadcastId;
    private Task? loop;
    private CancellationTokenSource halt = new();
    private bool wakeAgain;
    private bool recovered;

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
        var steps = 0;
        var lastFailed = false;
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

                var step = await sender.StepAsync(consultantId, broadcastId, checkQuality: lastFailed || ++steps % QualityCheckEvery == 0, token);
                lastFailed = step.Failed;
                if (step.Stopped || time.GetUtcNow() - lastPublished >= PublishEvery)
                {
                    await progress.PublishAsync(consultantId, broadcastId);
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
                else if (step.IdleUntil is { } until && until - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait < LongestIdle ? wait : LongestIdle, time, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
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
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broadcast {BroadcastId} stopped sending after an error; the next wake goes on")]
    private static partial void StepFailed(ILogger logger, Exception exception, Guid broadcastId);
}
