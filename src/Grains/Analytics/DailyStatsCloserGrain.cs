using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The nightly close, driven by a reminder (stored in PostgreSQL, so it survives silos and fires on whichever is
/// alive): every hour it closes the days that have ended in each consultant's zone. The first tick comes a minute
/// after the reminder is registered, so a fresh install closes its history soon after start.
/// </summary>
[GrainType("daily-stats-closer")]
public sealed class DailyStatsCloserGrain(DailyStatsClosing closing) : Grain, IDailyStatsCloserGrain, IRemindable
{
    private const string CloseReminder = "close-days";
    private static readonly TimeSpan FirstTick = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(CloseReminder) is null)
        {
            await this.RegisterOrUpdateReminder(CloseReminder, FirstTick, Period);
        }
    }

    public Task<DailyStatsClosed> CloseDueDaysAsync() => closing.CloseDueDaysAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => closing.CloseDueDaysAsync();
}
