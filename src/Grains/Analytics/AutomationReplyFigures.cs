namespace Consultant.Grains.Analytics;

/// <summary>
/// Replies to automation in a period (<see cref="AutomationReplyReport"/>): per origin (follow-ups, broadcasts, guided
/// flows, always all three) and per follow-up rule (those that sent at least one, most sent first).
/// </summary>
/// <param name="TimeZone">The consultant's zone, in which the period's days are counted.</param>
public sealed record AutomationReplyFigures(
    string TimeZone, DateOnly From, DateOnly To, bool IncludesSimulator,
    IReadOnlyList<AutomationReplyRate> Origins, IReadOnlyList<FollowUpReplyRate> FollowUpRules);
