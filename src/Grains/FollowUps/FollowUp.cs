namespace Consultant.Grains.FollowUps;

/// <summary>
/// One follow-up (a row of <c>whatsapp_followup_reminders</c>): upcoming (pending, paused) or history (sent, cancelled,
/// skipped, failed).
/// </summary>
/// <param name="Anchor">What it follows from: the contact's message id (silence rules) or the booking id.</param>
/// <param name="AnchorAt">When that message came, or the consultation's start.</param>
/// <param name="Reason">Why it was skipped, failed, cancelled or moved (English; the dashboard translates).</param>
/// <param name="MessageId">The message it went out as (the chat's).</param>
public sealed record FollowUp(
    Guid Id,
    Guid ConversationId,
    string ContactPhone,
    string? ContactName,
    string Rule,
    string Anchor,
    DateTimeOffset AnchorAt,
    DateTimeOffset ScheduledFor,
    string Status,
    string? Reason,
    DateTimeOffset? SentAt,
    Guid? MessageId,
    bool ReceivedReply,
    DateTimeOffset? RepliedAt,
    DateTimeOffset CreatedAt);
