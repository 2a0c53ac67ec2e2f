using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// The follow-ups' clock, for the whole cluster: a reminder every minute (it survives silos; reminders fire at most
/// once a minute) keeps this grain active, and while active a timer sweeps every <c>FollowUps:SweepSeconds</c>, so a
/// follow-up goes within seconds of its time. Both only wake <see cref="FollowUpSweep"/>, which reads the clock and the table.
/// </summary>
[GrainType("followup-sweeper")]
public sealed class FollowUpSweeperGrain(FollowUpSweep sweep, IOptions<FollowUpOptions> options) : Grain, IFollowUpSweeperGrain, IRemindable
{
    private const string WakeReminder = "sweep-followups";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        this.RegisterGrainTimer(_ => sweep.RunAsync(CancellationToken.None), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(WakeReminder) is null)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, ReminderPeriod, ReminderPeriod);
        }
    }

    public Task<int> SweepAsync() => sweep.RunAsync(CancellationToken.None);

    public Task ReceiveReminder(string reminderName, TickStatus status) => sweep.RunAsync(CancellationToken.None);
}
