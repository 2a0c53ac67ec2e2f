namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A recipient's row: queued (waiting or retrying later), sending (claimed: about to go to Twilio), sent (Twilio took
/// it; delivered and read come from the message), failed (with the reason), skipped (excluded, with the reason).
/// </summary>
public static class RecipientStatus
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    public static readonly IReadOnlyList<string> All = [Queued, Sending, Sent, Failed, Skipped];
}
