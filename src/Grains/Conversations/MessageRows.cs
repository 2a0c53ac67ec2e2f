using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Conversations;

public static class MessageSender
{
    public const string Client = "client";
    public const string Lead = "lead";
    public const string Consultant = "consultant";
    public const string Ai = "ai";
}

/// <summary>How a message travels: WhatsApp through Twilio, or the dashboard's simulator.</summary>
public static class MessageChannel
{
    public const string WhatsApp = "whatsapp";
    public const string Simulator = "simulator";

    /// <summary>A conversation's channel follows from its key: the simulator's conversations have their own.</summary>
    public static string Of(string conversationPhone) => ConversationKey.IsSimulated(conversationPhone) ? Simulator : WhatsApp;
}

public static class MessageStatus
{
    public const string Received = "received";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>Twilio's statuses of an outbound message, in the order they happen; failed and undelivered are final.</summary>
    public static readonly IReadOnlySet<string> FromTwilio = new HashSet<string>(StringComparer.Ordinal)
    {
        "accepted", "queued", "sending", "sent", "delivered", "read", "failed", "undelivered",
    };
}

/// <summary>A stored message as the pipeline reads it back.</summary>
public sealed record MessageRow(
    Guid Id,
    string Direction,
    string Sender,
    string Body,
    string? TwilioSid,
    string Status,
    Guid? BatchId,
    DateTimeOffset CreatedAt,
    string Channel,
    int NumMedia);

/// <summary>An outbound reply part recorded before Twilio is called (its idempotency key is batch + part).</summary>
public sealed record ReplyIntent(Guid Id, string Body, string? TwilioSid, string Status, string Channel);
