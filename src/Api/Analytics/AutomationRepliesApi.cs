using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Analytics;

/// <summary>Replies to automation in a period: per origin (follow-ups, broadcasts, flows) and per follow-up rule, as JSON and CSV.</summary>
public static class AutomationRepliesApi
{
    public static IEndpointRouteBuilder MapAutomationRepliesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/analytics").WithTags(ApiTags.Analytics).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/automation-replies", Get).WithName("GetAutomationReplies")
            .WithSummary("Automated messages sent in the period (from..to, the consultant's days) and how many got a reply: per origin and per follow-up rule")
            .Produces<AutomationReplyFigures>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/automation-replies.csv", GetCsv).WithName("GetAutomationRepliesCsv")
            .WithSummary("The same rows as /api/analytics/automation-replies as a CSV download with a header row")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    /// <summary>400 naming <c>from</c>, <c>to</c> or <c>includeSimulator</c> for a bad value.</summary>
    private static async Task<IResult> Get(HttpContext http, AutomationReplyReport report, string? from, string? to, string? includeSimulator) =>
        (await FiguresAsync(http, report, from, to, includeSimulator)).ToHttpResult();

    /// <summary>The CSV for the signed-in consultant; also the Analytics page's download (with the dashboard's cookie).</summary>
    public static async Task<IResult> GetCsv(HttpContext http, AutomationReplyReport report, string? from, string? to, string? includeSimulator)
    {
        var figures = await FiguresAsync(http, report, from, to, includeSimulator);
        return figures.Problem is { } problem
            ? problem.ToHttpResult()
            : CsvFile.Of(await AutomationRepliesCsv.ToStringAsync(figures.Value!), AutomationRepliesCsv.FileName(AnalyticsPeriod.Parse(from, to).Value!));
    }

    private static Task<Result<AutomationReplyFigures>> FiguresAsync(HttpContext http, AutomationReplyReport report, string? from, string? to, string? includeSimulator) =>
        AnalyticsRequest.FiguresAsync(from, to, includeSimulator, "conversations",
            (period, withSimulator) => report.GetAsync(http.User.GetConsultantId(), period, withSimulator));
}
