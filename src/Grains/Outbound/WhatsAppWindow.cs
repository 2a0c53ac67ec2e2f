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
    public static DateTimeOffset? ClosesAt(ConversationView conversation) =>
        ConversationKey.IsSimulated(conversation.ContactPhone) ? null : (conversation.LastInboundAt ?? DateTimeOffset.MinValue) + Length;

    public static bool IsOpen(ConversationView conversation, DateTimeOffset now) =>
        ClosesAt(conversation) is not { } closes || now < closes;
}
