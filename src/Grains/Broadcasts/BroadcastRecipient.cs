namespace Consultant.Grains.Broadcasts;

/// <summary>One recipient's row in the report: their status, why (failed or skipped), the message's delivery and the reply.</summary>
public sealed record BroadcastRecipient(
    string ContactPhone,
    string? Name,
    string Status,
    string? Reason,
    int? ErrorCode,
    int Attempts,
    Guid? MessageId,
    string? MessageStatus,
    DateTimeOffset? SentAt,
    DateTimeOffset? RepliedAt);
