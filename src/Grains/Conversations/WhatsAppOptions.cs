using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Conversations;

public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>The public URL Twilio calls (scheme, host, optional path prefix); signatures are checked against it.
    /// Empty: the request's own URL is used, which is right only without a proxy in front.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>A burst of messages within this many seconds gets one reply.</summary>
    [Range(0, 300)]
    public double DebounceSeconds { get; set; } = 4;

    [Range(1, 3600)]
    public int PollIntervalSeconds { get; set; } = 30;

    /// <summary>How many earlier messages of the conversation go into the AI prompt.</summary>
    [Range(1, 200)]
    public int HistoryMessages { get; set; } = 20;
}
