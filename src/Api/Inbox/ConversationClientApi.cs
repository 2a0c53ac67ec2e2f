using Consultant.Api.Auth;
using Consultant.Grains.Clients;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
    public static async Task<IResult> AddClient(Guid conversationId, ClientInput input, HttpContext http, ContactLinks links) =>
        (await links.AddClientAsync(http.User.GetConsultantId(), conversationId, input)).ToHttpResult(added =>
            TypedResults.Created($"/api/clients/{added.Client.Id}", new AddClientResponse(added.Client, ConversationResponse.From(added.Conversation))));
}
