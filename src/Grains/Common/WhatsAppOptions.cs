using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Common;

public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>The public URL Twilio calls (scheme, host, optional path prefix); signatures are checked against it.
    /// Empty: the request's own URL is used, which is right only without a proxy in front.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>A burst of messages within this many seconds gets one reply.</summary>
    [Range(0, 300)]
    public double DebounceSeconds { get; set; } = 4;

    /// <summary>The longest a burst waits for its reply, counted from its first message, however often the contact writes.</summary>
    [Range(0, 3600)]
    public double MaxBatchWaitSeconds { get; set; } = 20;

    /// <summary>A reply is at most this many WhatsApp messages (of 1,600 characters); the rest is cut with an ellipsis.</summary>
    [Range(1, 20)]
    public int MaxReplyParts { get; set; } = 3;

    [Range(1, 3600)]
    public int PollIntervalSeconds { get; set; } = 30;

    /// <summary>How long a send's Idempotency-Key is kept: the same key within this time sends nothing again.</summary>
    [Range(1, 1440)]
    public int IdempotencyKeyMinutes { get; set; } = 10;

    /// <summary>How many earlier messages of the conversation go into the AI prompt.</summary>
    [Range(1, 200)]
    public int HistoryMessages { get; set; } = 20;
}
