namespace Consultant.Grains.Analytics;

/// <summary>
/// The key pool's calls per key per day as CSV (<see cref="AnalyticsCsv"/>): exactly the <c>days</c> rows of
/// <c>GET /api/admin/ai-keys/usage</c> (every Pacific day for every key, zeros included), for administrators.
/// </summary>
public static class KeyPoolUsageCsv
{
    public static readonly IReadOnlyList<string> Header = ["date", "timeZone", "keyId", "label", "calls", "rateLimited", "errors"];

    /// <summary>E.g. <c>ai-key-usage-2026-03-01-to-2026-03-31.csv</c>.</summary>
    public static string FileName(AnalyticsPeriod period) => AnalyticsCsv.FileName("ai-key-usage", period);

    public static Task<string> ToStringAsync(KeyPoolUsage usage) => AnalyticsCsv.ToStringAsync(Header, usage.Days.Select(day =>
        (IEnumerable<string>)
        [
            AnalyticsCsv.Date(day.Date), usage.TimeZone, day.KeyId.ToString(), day.Label, AnalyticsCsv.Number(day.Calls),
            AnalyticsCsv.Number(day.RateLimited), AnalyticsCsv.Number(day.Errors),
        ]));
}
