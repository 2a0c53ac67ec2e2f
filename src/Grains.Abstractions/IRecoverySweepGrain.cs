namespace Consultant.Grains.Abstractions;

/// <summary>
/// The cluster's backstop for timers that died with a silo: one grain (key 0) whose reminder, every minute,
/// wakes each conversation still owing a reply for a message older than the debounce plus a margin.
/// </summary>
[Alias("Consultant.IRecoverySweepGrain")]
public interface IRecoverySweepGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent); every silo calls it at start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Wakes conversations owing a reply for messages at least <paramref name="minimumAge"/> old; returns how many.</summary>
    [Alias("Sweep")]
    Task<int> SweepAsync(TimeSpan minimumAge);

    /// <summary>Starts again the media still pending after <paramref name="minimumAge"/> (their silo stopped); returns how many.</summary>
    [Alias("RestartStalledMedia")]
    Task<int> RestartStalledMediaAsync(TimeSpan minimumAge);
}
