namespace Consultant.Grains.FollowUps;

/// <summary>A follow-up the sweep claimed: due now, taken by this sweep alone until its lease ends.</summary>
public sealed record DueFollowUp(
    Guid Id, Guid ConsultantId, Guid ConversationId, string ContactPhone, string Rule, Guid Anchor, DateTimeOffset AnchorAt,
    DateTimeOffset ScheduledFor, int Claims, int Retries);
