namespace Consultant.Grains.Broadcasts;

/// <summary>What one step of sending a broadcast did: sent to (or settled) one recipient, found none due until a time, or stopped.</summary>
public sealed record StepOutcome(bool Stopped, DateTimeOffset? IdleUntil, bool Failed)
{
    public static readonly StepOutcome Stop = new(true, null, false);

    public static StepOutcome Done(bool failed) => new(false, null, failed);

    public static StepOutcome Idle(DateTimeOffset until) => new(false, until, false);
}
