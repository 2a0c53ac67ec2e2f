namespace Consultant.Grains.Broadcasts;

/// <summary>A broadcast's statuses (the <c>whatsapp_broadcasts.status</c> column).</summary>
public static class BroadcastStatus
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}
