namespace Consultant.Grains.Abstractions;

/// <summary>
/// The nightly close of daily statistics: one grain (key 0) whose reminder, every hour, writes for each consultant the
/// local days that have ended since the last close (so each consultant's yesterday is closed within the hour after
/// their midnight, whatever their zone). Idempotent: a day closed twice gets the same row.
/// </summary>
[Alias("Consultant.IDailyStatsCloserGrain")]
public interface IDailyStatsCloserGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent); every silo calls it at start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Closes every consultant's days that have ended and are not closed yet.</summary>
    [Alias("CloseDueDays")]
    Task<DailyStatsClosed> CloseDueDaysAsync();
}
