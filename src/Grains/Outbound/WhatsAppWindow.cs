using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Outbound;

/// <summary>
/// WhatsApp's customer-service window: free-form messages only within 24 hours of the contact's last message;
/// after that only an approved template. The simulator has no such rule.
/// </summary>
public static class WhatsAppWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>When free-form messages stop being accepted; null for the simulator.</summary>
    public static DateTimeOffset? ClosesAt(ConversationView conversation) => ClosesAt(conversation.ContactPhone, conversation.LastInboundAt);

    /// <param name="contactPhone">The conversation's address.</param>
    /// <param name="lastInboundAt">When the contact last wrote (none: closed).</param>
    public static DateTimeOffset? ClosesAt(string contactPhone, DateTimeOffset? lastInboundAt) =>
        ConversationKey.IsSimulated(contactPhone) ? null : (lastInboundAt ?? DateTimeOffset.MinValue) + Length;

    public static bool IsOpen(ConversationView conversation, DateTimeOffset now) => IsOpen(conversation.ContactPhone, conversation.LastInboundAt, now);

    public static bool IsOpen(string contactPhone, DateTimeOffset? lastInboundAt, DateTimeOffset now) =>
        ClosesAt(contactPhone, lastInboundAt) is not { } closes || now < closes;
}
