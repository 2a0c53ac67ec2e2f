namespace Consultant.Grains.Abstractions;

/// <summary>
/// Sends the follow-ups that are due, for every consultant: one grain (key 0) woken by a reminder every minute (it
/// survives silos) and, while active, by a timer every <c>FollowUps:SweepSeconds</c>. The table is the index of due
/// times; the wake only reads the clock and the table, so tests call <see cref="SweepAsync"/> with a fake clock.
/// </summary>
[Alias("Consultant.IFollowUpSweeperGrain")]
public interface IFollowUpSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent); every silo calls it at start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Brings booking reminders up to date and sends what is due now; returns how many went out.</summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();
}
