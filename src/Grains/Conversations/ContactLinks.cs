using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;

namespace Consultant.Grains.Conversations;

/// <summary>
/// The consultant says who a contact is: a contact known by a BSUID (no phone number) is linked to an existing
/// client, whose phone stays as it is; the BSUID becomes another address of that client, so the client is
/// recognised by either from then on, and the conversation becomes a client conversation at once.
/// </summary>
public sealed class ContactLinks(
    ConversationRepository conversations, ClientRepository clients, ContactDirectory contacts, IGrainFactory grains, TimeProvider time)
{
    /// <summary>Not found when the conversation or the client is not the consultant's.</summary>
    public async Task<ConversationActionResult<ConversationListItem>> LinkClientAsync(Guid consultantId, Guid conversationId, Guid? clientId)
    {
        var errors = new ValidationErrors();
        if (await conversations.FindAsync(consultantId, conversationId) is not { } conversation)
        {
            return ConversationActionResult<ConversationListItem>.Missing();
        }

        if (clientId is not { } id)
        {
            errors.Add("clientId", "Which client this contact is.");
            return new(null, errors);
        }

        if (await clients.GetAsync(consultantId, id) is not { } client)
        {
            return ConversationActionResult<ConversationListItem>.Missing();
        }

        var conversationKey = conversation.Conversation.ContactPhone;
        var addresses = await contacts.AddressesAsync(consultantId, ConversationKey.ContactPhone(conversationKey));
        if (addresses.FirstOrDefault(address => !ContactAddress.IsBsuid(address) && address != client.Phone) is { } otherPhone)
        {
            errors.Add("clientId",
                $"This contact writes from {otherPhone}, not from {client.Name}'s number {client.Phone}: a contact with a phone number is " +
                "recognised by that number. Change the client's phone if it is theirs.");
            return new(null, errors);
        }

        var userIds = addresses.Where(ContactAddress.IsBsuid).ToList();
        if (userIds.Count > 0)
        {
            await clients.LinkAddressesAsync(consultantId, id, userIds, time.GetUtcNow());
        }

        await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, conversationKey)).RecogniseContactAsync();
        return new(await conversations.FindAsync(consultantId, conversationId), errors);
    }
}
