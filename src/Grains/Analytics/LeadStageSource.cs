namespace Consultant.Grains.Analytics;

/// <summary>Who recorded a lead's stage: the pipeline itself, the consultant by hand, a guided flow, or a booking.</summary>
public static class LeadStageSource
{
    public const string Auto = "auto";
    public const string Consultant = "consultant";
    public const string Flow = "flow";
    public const string Booking = "booking";

    public static readonly IReadOnlyList<string> All = [Auto, Consultant, Flow, Booking];

    public static bool IsKnown(string? source) => source is not null && All.Contains(source, StringComparer.Ordinal);
}
