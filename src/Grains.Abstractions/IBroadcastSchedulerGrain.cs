namespace Consultant.Grains.Abstractions;

/// <summary>
/// One grain (key 0) whose reminder ticks every minute: starts scheduled broadcasts whose time has come (a start missed
/// while the cluster was down happens at the next tick, saying so) and wakes running ones, so none stays stopped.
/// </summary>
[Alias("Consultant.IBroadcastSchedulerGrain")]
public interface IBroadcastSchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent) and runs one sweep at once; every silo calls it at start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Starts what is due and wakes what runs; returns how many broadcasts it started or woke.</summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();
}
