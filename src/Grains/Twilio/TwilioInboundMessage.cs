using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Twilio;

public sealed record TwilioInboundMessage(
    string Sid, string From, string To, string Body, int NumMedia, DateTimeOffset? DateSent)
{
    /// <summary>The media of the message (read from its Media list when it has any).</summary>
    public IReadOnlyList<InboundMedia> Media { get; init; } = [];
}
