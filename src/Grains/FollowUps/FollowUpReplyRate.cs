namespace Consultant.Grains.FollowUps;

/// <summary>A rule's follow-ups sent in a period and how many got a reply (the one definition: <c>Analytics/AutomationReplies</c>).</summary>
public sealed record FollowUpReplyRate(string Rule, int Sent, int Replied, double? Rate);
