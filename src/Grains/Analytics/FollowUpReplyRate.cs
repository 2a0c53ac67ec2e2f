namespace Consultant.Grains.Analytics;

/// <summary>A follow-up rule's messages sent in a period and how many got a reply (the one definition: <see cref="AutomationReplies"/>).</summary>
/// <param name="Rule">The rule's key (<c>FollowUps/FollowUpRuleKeys</c>): lead_24h, lead_48h, client_7d, after_consultation, before_24h, before_1h.</param>
/// <param name="Rate">Replied ÷ sent, 0 to 1; null when none was sent.</param>
public sealed record FollowUpReplyRate(string Rule, int Sent, int Replied, double? Rate);
