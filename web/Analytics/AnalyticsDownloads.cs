using System.Globalization;
using Consultant.Grains.Analytics;

namespace Consultant.Web.Analytics;

/// <summary>
/// The CSV files behind the Analytics page's charts, for the dashboard: the browser downloads them with its cookie
/// (the page cannot send the API's bearer token), scoped to the signed-in consultant like the API.
/// </summary>
public static partial class AnalyticsDownloads
{
    public const string Daily = "daily";
    public const string Funnel = "funnel";
    public const string KeyPool = "key-pool";

    /// <summary>The link of one CSV for the shown period, e.g. <c>/analytics/daily.csv?from=2026-11-01&amp;to=2026-11-30</c>.</summary>
    public static string Href(string kind, AnalyticsPeriod period, bool includeSimulator) =>
        string.Create(CultureInfo.InvariantCulture,
            $"/analytics/{kind}.csv?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}{(includeSimulator ? "&includeSimulator=true" : "")}");
}
