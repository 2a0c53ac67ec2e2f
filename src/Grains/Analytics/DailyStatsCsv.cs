using System.Globalization;
using CsvHelper;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The daily statistics as CSV: a header row, then exactly the rows of the report (one a day, in order), with the
/// API's field names (response times flattened: <c>aiResponseAvgSeconds</c>…), the time zone the days are counted in,
/// numbers with a dot, an empty field for "none". What the API's <c>daily.csv</c> and the page's download give.
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
    public static string FileName(AnalyticsPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"daily-stats-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv");

    public static async Task WriteAsync(DailyStatsReport report, TextWriter writer)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in Header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var day in report.Days)
        {
            foreach (var field in Fields(day, report.TimeZone))
            {
                csv.WriteField(field);
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    private static IEnumerable<string> Fields(DailyStats day, string timeZone) =>
    [
        day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), timeZone,
        .. new long[]
        {
            day.Total, day.Inbound, day.Outbound, day.AiReplies, day.ConsultantReplies, day.Automated, day.UniqueContacts, day.NewLeads,
            day.ConvertedLeads,
        }.Select(Number),
        .. Times(day.AiResponseSeconds),
        .. Times(day.ConsultantResponseSeconds),
        .. new long[] { day.Images, day.Documents, day.Audio, day.Failed, day.AiCalls, day.AiTokensIn, day.AiTokensOut }.Select(Number),
        day.EstimatedCost?.ToString(CultureInfo.InvariantCulture) ?? "",
    ];

    private static IEnumerable<string> Times(ResponseSeconds times) =>
        [Number(times.Count), Seconds(times.Avg), Seconds(times.Median), Seconds(times.P90)];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
