using Consultant.Api.Auth;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbox;

/// <summary>The contact's time zone (offered slots and confirmations are shown in it), and the consultant's choice of it.</summary>
internal static class ConversationTimeZoneApi
{
    /// <summary>200 with the zone and its source (consultant, phone, account); 404 for another consultant's conversation.</summary>
    public static async Task<IResult> GetTimeZone(Guid conversationId, HttpContext http, ConversationTimeZones timeZones) =>
        (await timeZones.GetAsync(http.User.GetConsultantId(), conversationId)).ToHttpResult();

    /// <summary>200 with the zone; 400 naming <c>timeZone</c> for an unknown zone; 404 for another consultant's conversation.</summary>
    public static async Task<IResult> SetTimeZone(Guid conversationId, ContactTimeZoneRequest request, HttpContext http, ConversationTimeZones timeZones) =>
        (await timeZones.SetAsync(http.User.GetConsultantId(), conversationId, request.TimeZone)).ToHttpResult();
}
