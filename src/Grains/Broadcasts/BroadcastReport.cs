namespace Consultant.Grains.Broadcasts;

/// <summary>One broadcast with its counts and the reasons its messages failed or were skipped (reason → contacts).</summary>
public sealed record BroadcastReport(Broadcast Broadcast, BroadcastCounts Counts, IReadOnlyList<BroadcastReasonCount> Reasons);

public sealed record BroadcastReasonCount(string Status, string Reason, int Contacts);
