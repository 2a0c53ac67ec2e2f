namespace Consultant.Grains.Clients;

public static class ConsultationStatus
{
    public const string Scheduled = "scheduled";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([Scheduled, Completed, Cancelled]);
}
