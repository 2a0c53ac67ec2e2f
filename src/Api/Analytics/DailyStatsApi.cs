using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Analytics;

/// <summary>The signed-in consultant's daily statistics, in their time zone: as JSON and as the same rows in CSV.</summary>
public static class DailyStatsApi
{
    public static IEndpointRouteBuilder MapDailyStatsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/analytics").WithTags(ApiTags.Analytics).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/daily", Get).WithName("GetDailyStats")
            .WithSummary("One row per local day from..to (YYYY-MM-DD, at most 366 days): messages, response times, leads, media, AI use")
            .Produces<DailyStatsReport>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/daily.csv", GetCsv).WithName("GetDailyStatsCsv")
            .WithSummary("The same rows as /api/analytics/daily, as a CSV download with a header row")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static async Task<IResult> Get(HttpContext http, DailyStatsService stats, string? from, string? to, bool includeSimulator = false) =>
        (await stats.GetAsync(http.User.GetConsultantId(), from, to, includeSimulator)).ToHttpResult();

    /// <summary>The CSV for the signed-in consultant; also the Analytics page's download (with the dashboard's cookie), so both give the same file.</summary>
    public static async Task<IResult> GetCsv(HttpContext http, DailyStatsService stats, string? from, string? to, bool includeSimulator = false)
    {
        var report = await stats.GetAsync(http.User.GetConsultantId(), from, to, includeSimulator);
        if (report.Problem is { } problem)
        {
            return problem.ToHttpResult();
        }

        return CsvFile.Of(await DailyStatsCsv.ToStringAsync(report.Value!), DailyStatsCsv.FileName(AnalyticsPeriod.Parse(from, to).Value!));
    }
}
