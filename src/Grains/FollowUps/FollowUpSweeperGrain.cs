using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// The follow-ups' clock, for the whole cluster: a reminder every minute (it survives silos; reminders fire at most
/// once a minute) keeps this grain active, and while active a timer sweeps every <c>FollowUps:SweepSeconds</c>, so a
/// follow-up goes within seconds of its time. Both only wake <see cref="FollowUpSweep"/>, which reads the clock and the table.
/// A sweep runs beside the grain's turns, one at a time: a long one (thousands due at once) does not hold the reminder's
/// tick until it times out; a wake while one runs does nothing (that sweep goes on until nothing is due).
/// </summary>
[GrainType("followup-sweeper")]
public sealed partial class FollowUpSweeperGrain(FollowUpSweep sweep, IOptions<FollowUpOptions> options, ILogger<FollowUpSweeperGrain> logger)
    : Grain, IFollowUpSweeperGrain, IRemindable
{
    private const string WakeReminder = "sweep-followups";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private Task running = Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.SweepSeconds);
        this.RegisterGrainTimer(_ => WakeAsync(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
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

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeAsync();

    private Task WakeAsync()
    {
        if (running.IsCompleted)
        {
            if (running.Exception is { } failed)
            {
                SweepFailed(logger, failed.GetBaseException());
            }

            running = Task.Run(() => sweep.RunAsync(CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A follow-up sweep failed; the next wake sweeps again")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
