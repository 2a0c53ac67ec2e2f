using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.Grains.FollowUps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.FollowUps;

/// <summary>
/// Follow-ups: the rules (read, save with errors naming the rule and field), the preview of the message a conversation
/// would get, the queue and history by status, cancel (404 for another consultant's), a conversation's next one, and
/// the reply rate per rule. The same service the Follow-ups page uses.
/// </summary>
public static class FollowUpsApi
{
    public static IEndpointRouteBuilder MapFollowUpsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/followups").WithTags(ApiTags.FollowUps).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/rules", GetRules).WithName("GetFollowUpRules").WithSummary("The six follow-up rules, saved or default")
            .Produces<FollowUpRuleSet>();
        group.MapPut("/rules", SaveRules).WithName("SaveFollowUpRules")
            .WithSummary("Saves the rules given (the others stay); errors name the rule and field, e.g. lead_24h.delayMinutes")
            .Produces<FollowUpRuleSet>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/", List).WithName("ListFollowUps")
            .WithSummary("Follow-ups by status (pending, paused, sent, cancelled, skipped, failed; replied, upcoming or history), a page at a time")
            .Produces<FollowUpPage>().ProducesProblems(ProblemKind.Invalid);
        group.MapDelete("/{followUpId:guid}", Cancel).WithName("CancelFollowUp").WithSummary("Cancels an upcoming follow-up")
            .Produces<FollowUp>().ProducesProblems(ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapGet("/next", Next).WithName("GetNextFollowUp").WithSummary("A conversation's next upcoming follow-up (204 when none)")
            .Produces<FollowUp>().Produces(StatusCodes.Status204NoContent);
        group.MapGet("/preview", PreviewSaved).WithName("PreviewFollowUp")
            .WithSummary("The message a conversation would get from a saved rule now, and why it would not go")
            .Produces<FollowUpPreview>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapPost("/preview", PreviewEdited).WithName("PreviewEditedFollowUp")
            .WithSummary("The message a conversation would get now from a rule as edited (not saved)")
            .Produces<FollowUpPreview>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapGet("/reply-rates", ReplyRates).WithName("FollowUpReplyRates")
            .WithSummary("Per rule: follow-ups sent in the last days (1–366, default 30) and how many got a reply")
            .Produces<IReadOnlyList<FollowUpReplyRate>>().ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static async Task<IResult> GetRules(HttpContext http, FollowUpService followUps) =>
        TypedResults.Ok(await followUps.GetRulesAsync(http.User.GetConsultantId()));

    private static async Task<IResult> SaveRules(SaveFollowUpRulesRequest request, HttpContext http, FollowUpService followUps) =>
        (await followUps.SaveRulesAsync(http.User.GetConsultantId(), request.Rules ?? [])).ToHttpResult(rules => TypedResults.Ok(rules));

    private static async Task<IResult> List(HttpContext http, FollowUpService followUps, string? status, int? page, int? pageSize) =>
        (await followUps.ListAsync(http.User.GetConsultantId(), status, page ?? 1, pageSize ?? FollowUpService.DefaultPageSize))
            .ToHttpResult(found => TypedResults.Ok(found));

    private static async Task<IResult> Cancel(Guid followUpId, HttpContext http, FollowUpService followUps) =>
        (await followUps.CancelAsync(http.User.GetConsultantId(), followUpId)).ToHttpResult(cancelled => TypedResults.Ok(cancelled));

    private static async Task<IResult> Next(Guid conversationId, HttpContext http, FollowUpService followUps) =>
        await followUps.NextForConversationAsync(http.User.GetConsultantId(), conversationId) is { } next
            ? TypedResults.Ok(next)
            : TypedResults.NoContent();

    private static async Task<IResult> PreviewSaved(Guid conversationId, string rule, HttpContext http, FollowUpService followUps) =>
        (await followUps.PreviewAsync(http.User.GetConsultantId(), conversationId, rule)).ToHttpResult(preview => TypedResults.Ok(preview));

    private static async Task<IResult> PreviewEdited(PreviewFollowUpRequest request, HttpContext http, FollowUpService followUps) =>
        request.Rule is null
            ? Problem.Invalid("rule", "Give the rule to preview.").ToHttpResult()
            : (await followUps.PreviewAsync(http.User.GetConsultantId(), request.ConversationId, request.Rule))
                .ToHttpResult(preview => TypedResults.Ok(preview));

    private static async Task<IResult> ReplyRates(HttpContext http, FollowUpService followUps, TimeProvider time, int? days)
    {
        var span = days ?? 30;
        if (span is < 1 or > 366)
        {
            return Problem.Invalid("days", "Between 1 and 366.").ToHttpResult();
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(await followUps.ReplyRatesAsync(http.User.GetConsultantId(), new TimeRange(now.AddDays(-span), now)));
    }
}
