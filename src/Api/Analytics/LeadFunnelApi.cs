using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Analytics;

/// <summary>The lead funnel of a period, and a lead's stage as the chat header shows and sets it.</summary>
public static class LeadFunnelApi
{
    public static IEndpointRouteBuilder MapLeadFunnelApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/analytics/funnel", Funnel).WithTags(ApiTags.Analytics).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("GetLeadFunnel").WithSummary("The leads who first wrote in the period, how far they got, drop-off, times and weekly cohorts")
            .Produces<LeadFunnelFigures>().ProducesProblems(ProblemKind.Invalid);
        endpoints.MapGet("/api/analytics/funnel.csv", FunnelCsv).WithTags(ApiTags.Analytics).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("GetLeadFunnelCsv").WithSummary("The funnel's stages (the rows of /api/analytics/funnel's stages) as a CSV download with a header row")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblems(ProblemKind.Invalid);
        endpoints.MapGet("/api/analytics/funnel-weeks.csv", FunnelWeeksCsv).WithTags(ApiTags.Analytics).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("GetLeadFunnelWeeksCsv").WithSummary("The funnel's weekly cohorts (the rows of /api/analytics/funnel's weeks) as a CSV download with a header row")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblems(ProblemKind.Invalid);
        var stage = endpoints.MapGroup("/api/whatsapp/conversations/{conversationId:guid}/lead-stage")
            .WithTags(ApiTags.Analytics).RequireAuthorization(AuthSchemes.ApiPolicy);
        stage.MapGet("/", GetStage).WithName("GetLeadStage").WithSummary("The lead's furthest stage and every stage recorded")
            .Produces<LeadStageView>().ProducesProblems(ProblemKind.NotFound);
        stage.MapPatch("/", SetStage).WithName("SetLeadStage").WithSummary("Moves a lead to a stage by hand (new, engaged, qualified, booked, converted)")
            .Produces<LeadStageView>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        return endpoints;
    }

    /// <summary>400 naming <c>from</c>, <c>to</c> or <c>includeSimulator</c> for a bad value.</summary>
    private static async Task<IResult> Funnel(HttpContext http, LeadFunnelReport report, string? from, string? to, string? includeSimulator) =>
        (await FiguresAsync(http, report, from, to, includeSimulator)).ToHttpResult();

    /// <summary>The stages as CSV for the signed-in consultant; also the Analytics page's download (with the dashboard's cookie).</summary>
    public static async Task<IResult> FunnelCsv(HttpContext http, LeadFunnelReport report, string? from, string? to, string? includeSimulator)
    {
        var figures = await FiguresAsync(http, report, from, to, includeSimulator);
        return figures.Problem is { } problem
            ? problem.ToHttpResult()
            : CsvFile.Of(await LeadFunnelCsv.ToStringAsync(figures.Value!), LeadFunnelCsv.FileName(AnalyticsPeriod.Parse(from, to).Value!));
    }

    /// <summary>The weekly cohorts as CSV for the signed-in consultant; also the Analytics page's download.</summary>
    public static async Task<IResult> FunnelWeeksCsv(HttpContext http, LeadFunnelReport report, string? from, string? to, string? includeSimulator)
    {
        var figures = await FiguresAsync(http, report, from, to, includeSimulator);
        return figures.Problem is { } problem
            ? problem.ToHttpResult()
            : CsvFile.Of(await LeadFunnelWeeksCsv.ToStringAsync(figures.Value!), LeadFunnelWeeksCsv.FileName(AnalyticsPeriod.Parse(from, to).Value!));
    }

    private static Task<Result<LeadFunnelFigures>> FiguresAsync(HttpContext http, LeadFunnelReport report, string? from, string? to, string? includeSimulator) =>
        AnalyticsRequest.FiguresAsync(from, to, includeSimulator, "leads",
            (period, withSimulator) => report.GetAsync(http.User.GetConsultantId(), period, withSimulator));

    private static async Task<IResult> GetStage(Guid conversationId, HttpContext http, ConversationLeadStages stages) =>
        (await stages.GetAsync(http.User.GetConsultantId(), conversationId)).ToHttpResult();

    /// <summary>400 naming <c>stage</c> for an unknown one; 404 for another consultant's conversation; 409 for a client's or a stage already passed.</summary>
    private static async Task<IResult> SetStage(Guid conversationId, LeadStageRequest request, HttpContext http, ConversationLeadStages stages) =>
        (await stages.SetAsync(http.User.GetConsultantId(), conversationId, request.Stage)).ToHttpResult();
}
