using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
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
        endpoints.MapPost("/api/whatsapp/simulator/messages", Send).WithTags("Simulator").RequireAuthorization(AuthSchemes.ApiPolicy);
        return endpoints;
    }

    private static async Task<Results<Ok<ChatMessageView>, ValidationProblem>> Send(
        SimulatedMessageRequest request, HttpContext http, ConversationService conversations)
    {
        var result = await conversations.SimulateInboundAsync(http.User.GetConsultantId(), request.Phone, request.Text, request.ProfileName);
        return result.Value is { } message ? TypedResults.Ok(message) : TypedResults.ValidationProblem(result.Errors.ToDictionary());
    }
}
