using Consultant.Api.Auth;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbox;

/// <summary>The consultant sets the contact's language (or returns it to automatic).</summary>
internal static class ConversationLanguageApi
{
    /// <summary>200 with the conversation; 400 naming <c>language</c> for a language outside it/en/es/fr; 404 for another consultant's conversation.</summary>
    public static async Task<IResult> SetLanguage(Guid conversationId, ContactLanguageRequest request, HttpContext http, ConversationLanguages languages) =>
        (await languages.SetAsync(http.User.GetConsultantId(), conversationId, request.Language))
            .ToHttpResult(item => TypedResults.Ok(ConversationResponse.From(item)));
}
