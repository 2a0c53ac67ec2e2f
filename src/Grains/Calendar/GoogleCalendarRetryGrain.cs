using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Calendar;

/// <summary>The minute's retry of failed Google Calendar copies, driven by a reminder (it survives silos).</summary>
[GrainType("google-calendar-retry")]
public sealed class GoogleCalendarRetryGrain(GoogleCalendarSync sync) : Grain, IGoogleCalendarRetryGrain, IRemindable
{
    private const string RetryReminder = "retry-copies";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(RetryReminder) is null)
        {
            await this.RegisterOrUpdateReminder(RetryReminder, Period, Period);
        }
    }

    public Task<int> RetryDueAsync() => sync.RetryDueAsync(CancellationToken.None);

    public Task ReceiveReminder(string reminderName, TickStatus status) => sync.RetryDueAsync(CancellationToken.None);
}
