using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Broadcasts;

/// <summary>Broadcast settings (section <c>Broadcast</c>; its <c>MessagesPerSecond</c> is the sender pacer's).</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcast";

    /// <summary>The quality guard looks at this many of the latest sends...</summary>
    [Range(1, 1000)]
    public int QualityWindow { get; set; } = 50;

    /// <summary>...and pauses the broadcast when more than this share of them failed.</summary>
    [Range(0.0, 1.0)]
    public double QualityMaxFailedShare { get; set; } = 0.2;

    /// <summary>Fewer sends than this (or than the window) are too few to judge.</summary>
    [Range(1, 1000)]
    public int QualityMinimumSends { get; set; } = 10;

    /// <summary>After WhatsApp's per-user marketing limit (131049/63049) the contact is tried again after this, doubling each time.</summary>
    [Range(1, 10080)]
    public int MarketingLimitRetryMinutes { get; set; } = 60;

    /// <summary>At most this many tries per contact (rate limits and marketing limits); then it is failed with the reason.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>After a rate limit in the send's answer (429 / 63018) the contact waits this long, doubling each time.</summary>
    [Range(0, 3600)]
    public double RateLimitBackoffSeconds { get; set; } = 30;
}
