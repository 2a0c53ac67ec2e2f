namespace Consultant.Grains.Abstractions;

/// <summary>
/// Copies to Google Calendar that failed (Google down, a network problem) are tried again by one grain (key 0) whose
/// reminder ticks every minute; each copy waits longer after each failure (at most an hour).
/// </summary>
[Alias("Consultant.IGoogleCalendarRetryGrain")]
public interface IGoogleCalendarRetryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent); every silo calls it at start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Tries the copies that are due now; returns how many are in Google Calendar afterwards.</summary>
    [Alias("RetryDue")]
    Task<int> RetryDueAsync();
}
