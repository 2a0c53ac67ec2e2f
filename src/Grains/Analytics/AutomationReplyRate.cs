namespace Consultant.Grains.Analytics;

/// <summary>How many automated messages of one origin were sent, and how many got a reply (see <see cref="AutomationReplies"/>).</summary>
/// <param name="Origin">A <see cref="Messages.MessageOrigin"/> of automation: followup, broadcast or flow.</param>
/// <param name="Rate">Replied ÷ sent, 0 to 1; null when none was sent.</param>
public sealed record AutomationReplyRate(string Origin, int Sent, int Replied, double? Rate);
