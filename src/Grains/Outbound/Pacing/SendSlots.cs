namespace Consultant.Grains.Outbound.Pacing;

/// <summary>
/// Evenly spaced send slots: each taker gets the first free moment at least one interval after the previous slot, and
/// never one in the past. Unused time is not saved up, so a sender idle for an hour does not burst afterwards.
/// </summary>
public sealed class SendSlots(double messagesPerSecond)
{
    private readonly TimeSpan interval = TimeSpan.FromSeconds(1 / messagesPerSecond);
    private DateTimeOffset? last;

    public TimeSpan Interval => interval;

    public DateTimeOffset Take(DateTimeOffset now)
    {
        var slot = last is { } previous && previous + interval > now ? previous + interval : now;
        last = slot;
        return slot;
    }
}
