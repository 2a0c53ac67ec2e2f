namespace Consultant.Grains.Messages;

/// <summary>A message's status: ours (received, sending, cancelled) and Twilio's for what we sent.</summary>
public static class MessageStatus
{
    public const string Received = "received";
    public const string Accepted = "accepted";
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";
    public const string Undelivered = "undelivered";

    /// <summary>Ours: recorded but never sent (answered by hand meanwhile, or the contact opted out).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Twilio's statuses of an outbound message, in the order they happen; failed and undelivered are final.</summary>
    public static readonly IReadOnlySet<string> FromTwilio = new HashSet<string>(StringComparer.Ordinal)
    {
        Accepted, Queued, Sending, Sent, Delivered, Read, Failed, Undelivered,
    };

    /// <summary>Could not be sent or delivered.</summary>
    public static bool IsFailed(string status) => status is Failed or Undelivered;

    /// <summary>On its way to Twilio or queued there.</summary>
    public static bool IsOnItsWay(string status) => status is Sending or Queued or Accepted;
}
