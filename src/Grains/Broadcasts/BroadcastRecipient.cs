namespace Consultant.Grains.Broadcasts;

/// <summary>One recipient's row in the report: their status, why (failed or skipped), the message's delivery and the reply.</summary>
public sealed record BroadcastRecipient
{
    public string ContactPhone { get; init; } = string.Empty;

    public string? Name { get; init; }

    public string Status { get; init; } = RecipientStatus.Queued;

    public string? Reason { get; init; }

    public int? ErrorCode { get; init; }

    public int Attempts { get; init; }

    public Guid? MessageId { get; init; }

    /// <summary>The message's delivery status (sent, delivered, read, failed...).</summary>
    public string? MessageStatus { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? RepliedAt { get; init; }
}
