namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A broadcast's report: recipients in all, still queued, sent (Twilio took it), delivered, read, failed, skipped, and
/// replied (Analytics' one definition: the first inbound within 72 h, credited to the latest automated message).
/// </summary>
public sealed record BroadcastCounts(int Total, int Queued, int Sent, int Delivered, int Read, int Failed, int Skipped, int Replied);
