using System.Globalization;
using Consultant.Api.Admin;
using Consultant.Api.Analytics;
using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Web.Analytics;

/// <summary>
/// The CSV files behind the Analytics page's charts, for the dashboard: the browser downloads them with its cookie
/// (the page cannot send the API's bearer token), scoped to the signed-in consultant by the same handlers as the API,
/// so the page's file and the API's are the same.
/// </summary>
public static class AnalyticsDownloads
{
    public const string Daily = "daily";

    public const string Funnel = "funnel";

    public const string FunnelWeeks = "funnel-weeks";

    public const string AutomationReplies = "automation-replies";

    /// <summary>Every consultant's use of the shared keys: administrators only, as on the page.</summary>
    public const string KeyPool = "key-pool";

    public static IEndpointRouteBuilder MapAnalyticsDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet($"/analytics/{Daily}.csv", DailyStatsApi.GetCsv).RequireAuthorization(AuthSchemes.DashboardPolicy).ExcludeFromDescription();
        endpoints.MapGet($"/analytics/{Funnel}.csv", LeadFunnelApi.FunnelCsv).RequireAuthorization(AuthSchemes.DashboardPolicy).ExcludeFromDescription();
        endpoints.MapGet($"/analytics/{FunnelWeeks}.csv", LeadFunnelApi.FunnelWeeksCsv).RequireAuthorization(AuthSchemes.DashboardPolicy).ExcludeFromDescription();
        endpoints.MapGet($"/analytics/{AutomationReplies}.csv", AutomationRepliesApi.GetCsv).RequireAuthorization(AuthSchemes.DashboardPolicy).ExcludeFromDescription();
        endpoints.MapGet($"/analytics/{KeyPool}.csv", AiKeysApi.UsageCsv).RequireAuthorization(AuthSchemes.OperatorDashboardPolicy).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The link of one CSV for the shown period, e.g. <c>/analytics/daily.csv?from=2026-11-01&amp;to=2026-11-30</c>.</summary>
    public static string Href(string kind, AnalyticsPeriod period, bool includeSimulator) =>
        string.Create(CultureInfo.InvariantCulture,
            $"/analytics/{kind}.csv?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}{(includeSimulator ? "&includeSimulator=true" : "")}");
}
