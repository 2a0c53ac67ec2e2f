using Consultant.Api.Auth;
using Consultant.Grains.Clients;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbox;

/// <summary>Links between clients and conversations: a client's conversations, and a lead's contact added as a client.</summary>
internal static class ConversationClientApi
{
    /// <summary>404 for a client that is not the consultant's; an empty list when they have not written yet.</summary>
    public static async Task<Results<Ok<IEnumerable<ConversationResponse>>, NotFound>> ConversationsOfClient(
        Guid clientId, HttpContext http, ClientService clients, ContactLinks links)
    {
        var consultantId = http.User.GetConsultantId();
        if (await clients.GetAsync(consultantId, clientId) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok((await links.ConversationsOfClientAsync(consultantId, clientId)).Select(ConversationResponse.From));
    }

    /// <summary>
    /// 201 with the client and the conversation; 404 for another consultant's conversation; 400 naming the field
    /// (a phone other than the contact's, a conversation that is already a client's); 409 when the phone is taken.
    /// </summary>
    public static async Task<Results<Created<AddClientResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddClient(
        Guid conversationId, ClientInput input, HttpContext http, ContactLinks links)
    {
        var result = await links.AddClientAsync(http.User.GetConsultantId(), conversationId, input);
        return result.Outcome switch
        {
            ClientSaveOutcome.Saved => TypedResults.Created($"/api/clients/{result.Client!.Id}",
                new AddClientResponse(result.Client, ConversationResponse.From(result.Conversation!))),
            ClientSaveOutcome.NotFound => TypedResults.NotFound(),
            ClientSaveOutcome.PhoneTaken => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Duplicate phone number",
                detail: result.Errors.ToString(), extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.ToDictionary() }),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }
}
