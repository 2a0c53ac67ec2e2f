using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The minute's sweep (an Orleans reminder, which survives silos): starts scheduled broadcasts whose time has come —
/// one missed while the cluster was down starts at once and says so — and wakes running ones.
/// </summary>
[GrainType("broadcast-scheduler")]
public sealed partial class BroadcastSchedulerGrain(
    BroadcastStore store, BroadcastService broadcasts, AccountSettingsService accounts, TimeProvider time, ILogger<BroadcastSchedulerGrain> logger)
    : Grain, IBroadcastSchedulerGrain, IRemindable
{
    private const string SweepReminder = "sweep";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>A start this much after its time was missed (the reminder ticks every minute).</summary>
    private static readonly TimeSpan Late = TimeSpan.FromMinutes(2);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, Period, Period);
        }

        await SweepAsync();
    }

    public async Task<int> SweepAsync()
    {
        var now = time.GetUtcNow();
        var count = 0;
        foreach (var (consultantId, id, status, scheduledAt) in await store.DueOrRunningAsync(now))
        {
            try
            {
                if (status == BroadcastStatus.Scheduled)
                {
                    var note = scheduledAt is { } due && now - due > Late
                        ? LateStart.Reason(due, (await accounts.GetAsync(consultantId)).TimeZone)
                        : null;
                    await broadcasts.StartAsync(consultantId, id, note);
                }
                else
                {
                    await GrainFactory.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, id)).WakeAsync();
                }

                count++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SweepFailed(logger, ex, id);
            }
        }

        return count;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting or waking broadcast {BroadcastId} failed; the next minute's sweep tries again")]
    private static partial void SweepFailed(ILogger logger, Exception exception, Guid broadcastId);
}
