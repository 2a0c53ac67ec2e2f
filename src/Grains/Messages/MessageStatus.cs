namespace Consultant.Grains.Messages;

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
