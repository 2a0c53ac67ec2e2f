using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Outbound.Pacing;

/// <summary>The pace of automated bulk sends per sending number (section <c>Broadcast</c>, shared with follow-ups).</summary>
public sealed class SenderPacingOptions
{
    public const string Section = "Broadcast";

    /// <summary>Send slots a second per sender; WhatsApp's default throughput per number is 80.</summary>
    [Range(0.01, 80)]
    public double MessagesPerSecond { get; set; } = 10;
}
