using Consultant.Api.Auth;
using Consultant.Grains.Common;
using Consultant.Grains.Flows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Flows;

/// <summary>
/// Guided flows: the consultant's flows (read, replaced: 400 naming the step in <c>errors</c>), and a conversation's
/// flow (where it is and the lead's answers; started or stopped by hand; 404 for another consultant's conversation).
/// </summary>
public static class FlowsApi
{
    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder endpoints)
    {
        var flows = endpoints.MapGroup("/api/whatsapp/flows").WithTags(ApiTags.Flows).RequireAuthorization(AuthSchemes.ApiPolicy);
        flows.MapGet("/", List).WithName("ListFlows")
            .WithSummary("The consultant's guided flows (the built-in default until any is saved)").Produces<FlowList>();
        flows.MapPut("/", Replace).WithName("ReplaceFlows")
            .WithSummary("Replaces the consultant's flows; each is checked against WhatsApp's limits, errors name the step")
            .Produces<FlowList>().ProducesProblems(ProblemKind.Invalid);

        var conversation = endpoints.MapGroup("/api/whatsapp/conversations/{conversationId:guid}/flow")
            .WithTags(ApiTags.Flows).RequireAuthorization(AuthSchemes.ApiPolicy);
        conversation.MapGet("/", Get).WithName("GetConversationFlow")
            .WithSummary("The conversation's flow (step, started, expires) and what the lead answered")
            .Produces<ConversationFlowView>().ProducesProblems(ProblemKind.NotFound);
        conversation.MapPost("/", Start).WithName("StartConversationFlow")
            .WithSummary("Starts a flow by hand: its first question goes out now")
            .Produces<ConversationFlowView>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        conversation.MapDelete("/", Stop).WithName("StopConversationFlow")
            .WithSummary("Stops the conversation's flow; the AI answers again")
            .Produces<ConversationFlowView>().ProducesProblems(ProblemKind.NotFound);
        return endpoints;
    }

    private static async Task<IResult> List(HttpContext http, FlowService flows) =>
        TypedResults.Ok(new FlowList(await flows.ListAsync(http.User.GetConsultantId())));

    private static async Task<IResult> Replace(FlowList request, HttpContext http, FlowService flows) =>
        (await flows.SaveAllAsync(http.User.GetConsultantId(), request.Flows)).ToHttpResult();

    private static async Task<IResult> Get(Guid conversationId, HttpContext http, FlowService flows) =>
        (await flows.GetConversationFlowAsync(http.User.GetConsultantId(), conversationId)).ToHttpResult();

    private static async Task<IResult> Start(Guid conversationId, StartFlowRequest? request, HttpContext http, FlowService flows) =>
        (await flows.StartAsync(http.User.GetConsultantId(), conversationId, request?.FlowId, http.RequestAborted)).ToHttpResult();

    private static async Task<IResult> Stop(Guid conversationId, HttpContext http, FlowService flows) =>
        (await flows.StopAsync(http.User.GetConsultantId(), conversationId)).ToHttpResult();
}
