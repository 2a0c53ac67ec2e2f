namespace Consultant.Grains.Analytics;

/// <summary>
/// The funnel chart's rows as CSV (<see cref="AnalyticsCsv"/>): one line per stage, new to converted, with the API's
/// field names. The weekly cohorts are their own file (<see cref="LeadFunnelWeeksCsv"/>).
/// </summary>
public static class LeadFunnelCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["stage", "timeZone", "count", "shareOfLeads", "dropOff", "dropOffRate", "medianSecondsFromFirstMessage"];

    /// <summary>E.g. <c>lead-funnel-2026-03-01-to-2026-03-31.csv</c>.</summary>
    public static string FileName(AnalyticsPeriod period) => AnalyticsCsv.FileName("lead-funnel", period);

    public static Task<string> ToStringAsync(LeadFunnelFigures figures) => AnalyticsCsv.ToStringAsync(Header, figures.Stages.Select(stage =>
        (IEnumerable<string>)
        [
            stage.Stage, figures.TimeZone, AnalyticsCsv.Number(stage.Count), AnalyticsCsv.Number(stage.ShareOfLeads),
            AnalyticsCsv.Number(stage.DropOff), AnalyticsCsv.Number(stage.DropOffRate), AnalyticsCsv.Number(stage.MedianSecondsFromFirstMessage),
        ]));
}
