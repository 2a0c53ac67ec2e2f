using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Simulator;

/// <summary>
/// The simulator: the consultant writes as a client or a lead; the message takes the same way as Twilio's and the
/// reply comes back on the simulator's channel (read it from the conversation's messages, or live from the hub).
/// </summary>
public static class SimulatorApi
{
    public static IEndpointRouteBuilder MapSimulatorApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/whatsapp/simulator/messages", Send).WithTags(ApiTags.Simulator).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("SendSimulatedMessage").WithSummary("Writes to the assistant as a client or a lead would")
            .Produces<ChatMessageView>().ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static async Task<IResult> Send(SimulatedMessageRequest request, HttpContext http, ConversationService conversations) =>
        (await conversations.SimulateInboundAsync(http.User.GetConsultantId(), request.Phone, request.Text, request.ProfileName, request.ButtonPayload)).ToHttpResult();
}
