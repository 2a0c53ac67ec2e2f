namespace Consultant.Grains.Analytics;

/// <summary>A lead reached <paramref name="Stage"/> at <paramref name="At"/>, recorded by <paramref name="Source"/> (<see cref="LeadStageSource"/>).</summary>
public sealed record LeadStageEvent(string Stage, DateTimeOffset At, string Source);
