using Consultant.Grains.Booking;
using Consultant.Grains.Common;

namespace Consultant.Grains.Inbox;

/// <summary>The contact's time zone of a conversation, and the consultant's choice of it (the API; later the chat header).</summary>
public sealed class ConversationTimeZones(ConversationRepository conversations, ContactTimeZones timeZones)
{
    public async Task<Result<ContactTimeZone>> GetAsync(Guid consultantId, Guid conversationId) =>
        await conversations.FindAsync(consultantId, conversationId) is { } found
            ? await timeZones.GetAsync(consultantId, found.Conversation.ContactPhone)
            : Problem.NotFound();

    /// <param name="timeZone">An IANA zone; null or empty: the zone of the contact's number again.</param>
    public async Task<Result<ContactTimeZone>> SetAsync(Guid consultantId, Guid conversationId, string? timeZone) =>
        await conversations.FindAsync(consultantId, conversationId) is { } found
            ? await timeZones.SetAsync(consultantId, found.Conversation.ContactPhone, timeZone)
            : Problem.NotFound();
}
