namespace Consultant.Grains.Analytics;

/// <summary>
/// The funnel's weekly cohorts as CSV (<see cref="AnalyticsCsv"/>): one line per ISO week the period touches, with
/// the leads who first wrote that week and how many of them reached at least each stage.
/// </summary>
public static class LeadFunnelWeeksCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["week", "monday", "timeZone", "new", "engaged", "qualified", "booked", "converted"];

    /// <summary>E.g. <c>lead-funnel-weeks-2026-03-01-to-2026-03-31.csv</c>.</summary>
    public static string FileName(AnalyticsPeriod period) => AnalyticsCsv.FileName("lead-funnel-weeks", period);

    public static Task<string> ToStringAsync(LeadFunnelFigures figures) => AnalyticsCsv.ToStringAsync(Header, figures.Weeks.Select(week =>
        (IEnumerable<string>)
        [
            week.Week, AnalyticsCsv.Date(week.Monday), figures.TimeZone, AnalyticsCsv.Number(week.New), AnalyticsCsv.Number(week.Engaged),
            AnalyticsCsv.Number(week.Qualified), AnalyticsCsv.Number(week.Booked), AnalyticsCsv.Number(week.Converted),
        ]));
}
