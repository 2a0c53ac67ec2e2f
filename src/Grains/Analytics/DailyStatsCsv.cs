namespace Consultant.Grains.Analytics;

/// <summary>
/// The daily statistics as CSV (<see cref="AnalyticsCsv"/>): exactly the rows of the report (one a day, in order),
/// with the API's field names (response times flattened: <c>aiResponseAvgSeconds</c>…) and the time zone the days
/// are counted in. What the API's <c>daily.csv</c> and the page's download give.
/// </summary>
public static class DailyStatsCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "date", "timeZone", "total", "inbound", "outbound", "aiReplies", "consultantReplies", "automated", "uniqueContacts",
        "newLeads", "convertedLeads",
        "aiResponseCount", "aiResponseAvgSeconds", "aiResponseMedianSeconds", "aiResponseP90Seconds",
        "consultantResponseCount", "consultantResponseAvgSeconds", "consultantResponseMedianSeconds", "consultantResponseP90Seconds",
        "images", "documents", "audio", "failed", "aiCalls", "aiTokensIn", "aiTokensOut", "estimatedCost",
    ];

    /// <summary>The download's name, e.g. <c>daily-stats-2026-03-01-to-2026-03-31.csv</c>.</summary>
    public static string FileName(AnalyticsPeriod period) => AnalyticsCsv.FileName("daily-stats", period);

    public static Task WriteAsync(DailyStatsReport report, TextWriter writer) =>
        AnalyticsCsv.WriteAsync(writer, Header, report.Days.Select(day => Fields(day, report.TimeZone)));

    public static Task<string> ToStringAsync(DailyStatsReport report) =>
        AnalyticsCsv.ToStringAsync(Header, report.Days.Select(day => Fields(day, report.TimeZone)));

    private static IEnumerable<string> Fields(DailyStats day, string timeZone) =>
    [
        AnalyticsCsv.Date(day.Date), timeZone,
        .. new long[]
        {
            day.Total, day.Inbound, day.Outbound, day.AiReplies, day.ConsultantReplies, day.Automated, day.UniqueContacts, day.NewLeads,
            day.ConvertedLeads,
        }.Select(value => AnalyticsCsv.Number(value)),
        .. Times(day.AiResponseSeconds),
        .. Times(day.ConsultantResponseSeconds),
        .. new long[] { day.Images, day.Documents, day.Audio, day.Failed, day.AiCalls, day.AiTokensIn, day.AiTokensOut }.Select(value => AnalyticsCsv.Number(value)),
        AnalyticsCsv.Number(day.EstimatedCost),
    ];

    private static IEnumerable<string> Times(ResponseSeconds times) =>
        [AnalyticsCsv.Number(times.Count), AnalyticsCsv.Number(times.Avg), AnalyticsCsv.Number(times.Median), AnalyticsCsv.Number(times.P90)];
}
