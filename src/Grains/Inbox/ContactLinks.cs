using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Booking;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Inbound;

namespace Consultant.Grains.Inbox;

/// <summary>
/// The consultant says who a contact is: a contact known by a BSUID (no phone number) is linked to an existing
/// client, whose phone stays as it is; the BSUID becomes another address of that client, so the client is
/// recognised by either from then on, and the conversation becomes a client conversation at once.
/// </summary>
public sealed class ContactLinks(
    ConversationRepository conversations, ClientRepository clients, ClientService clientService, ContactDirectory contacts,
    AccountSettingsService accountSettings, BookingService bookings, IGrainFactory grains, TimeProvider time)
{
    /// <summary>The client's conversations (their WhatsApp one, and the simulator's), newest first; empty for another consultant's client.</summary>
    public Task<IReadOnlyList<ConversationListItem>> ConversationsOfClientAsync(Guid consultantId, Guid clientId) =>
        conversations.ForClientAsync(consultantId, clientId);

    /// <summary>
    /// What the dashboard pre-fills to add a lead's contact as a client: the WhatsApp profile name and the contact's
    /// phone number (null for a contact known only by a WhatsApp user id: the consultant types it in).
    /// </summary>
    public async Task<ClientInput?> NewClientDraftAsync(Guid consultantId, Guid conversationId)
    {
        if (await conversations.FindAsync(consultantId, conversationId) is not { } conversation)
        {
            return null;
        }

        var phone = await ContactPhoneAsync(consultantId, conversation.Conversation.ContactPhone);
        return new ClientInput(conversation.Conversation.DisplayName, phone, null, null, null);
    }

    /// <summary>
    /// Adds a lead's contact as a new client and makes the conversation a client conversation at once (its next reply
    /// uses the client's records). A contact with a phone number becomes a client with that number (another number is
    /// refused: the contact would not be recognised by it); for one known only by a WhatsApp user id the phone is
    /// given, and the id becomes another address of the new client.
    /// </summary>
    public async Task<Result<AddedClient>> AddClientAsync(Guid consultantId, Guid conversationId, ClientInput input)
    {
        if (await conversations.FindAsync(consultantId, conversationId) is not { } found)
        {
            return Problem.NotFound();
        }

        var conversation = found.Conversation;
        if (!conversation.IsLead)
        {
            return Problem.Invalid("conversation",
                "This contact is already one of your clients: open their page from the chat header.");
        }

        var contactPhone = await ContactPhoneAsync(consultantId, conversation.ContactPhone);
        var defaultCountry = await accountSettings.GetDefaultCountryAsync(consultantId); // "347 555 1234" is an Italian number by default
        if (contactPhone is not null && !string.IsNullOrWhiteSpace(input.Phone)
            && (!PhoneNumberNormalizer.TryNormalize(input.Phone, out var given, defaultCountry) || given != contactPhone))
        {
            return Problem.Invalid("phone",
                $"This contact writes from {contactPhone}: a client added from this chat has that number.");
        }

        var grain = grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, conversation.ContactPhone));
        var created = await clientService.CreateAsync(consultantId, input with { Phone = contactPhone ?? input.Phone }, defaultCountry);
        if (created.Problem is { Kind: ProblemKind.Conflict })
        {
            if (contactPhone is null)
            {
                return Problem.Conflict(ClientService.DuplicatePhoneTitle, "phone",
                    "Another of your clients already has this number: link this contact to that client instead.");
            }

            // The contact's own number is a client's already (added since their last message): the chat is theirs now.
            await grain.RecogniseContactAsync();
            return Problem.Conflict(ClientService.DuplicatePhoneTitle, "phone",
                $"{contactPhone} is already one of your clients: this conversation is theirs now.");
        }

        if (created.Value is not { } client)
        {
            return created.Problem!;
        }

        var key = ConversationKey.ContactPhone(conversation.ContactPhone);
        var userIds = (await contacts.AddressesAsync(consultantId, key)).Where(ContactAddress.IsBsuid).ToList();
        if (userIds.Count > 0)
        {
            await clients.LinkAddressesAsync(consultantId, client.Id, userIds, time.GetUtcNow());
        }

        await grain.RecogniseContactAsync();
        await bookings.LinkContactToClientAsync(consultantId, conversation.ContactPhone, client.Id); // the lead's consultations are the client's
        return await conversations.FindAsync(consultantId, conversationId) is { } now ? new AddedClient(client, now) : Problem.NotFound();
    }

    /// <summary>The contact's phone number: the conversation's own address, or one remembered with its WhatsApp user id.</summary>
    private async Task<string?> ContactPhoneAsync(Guid consultantId, string conversationAddress)
    {
        var addresses = await contacts.AddressesAsync(consultantId, ConversationKey.ContactPhone(conversationAddress));
        return addresses.FirstOrDefault(address => !ContactAddress.IsBsuid(address));
    }

    /// <summary>Not found when the conversation or the client is not the consultant's.</summary>
    public async Task<Result<ConversationListItem>> LinkClientAsync(Guid consultantId, Guid conversationId, Guid? clientId)
    {
        if (await conversations.FindAsync(consultantId, conversationId) is not { } conversation)
        {
            return Problem.NotFound();
        }

        if (clientId is not { } id)
        {
            return Problem.Invalid("clientId", "Which client this contact is.");
        }

        if (await clients.GetAsync(consultantId, id) is not { } client)
        {
            return Problem.NotFound();
        }

        var conversationKey = conversation.Conversation.ContactPhone;
        var addresses = await contacts.AddressesAsync(consultantId, ConversationKey.ContactPhone(conversationKey));
        if (addresses.FirstOrDefault(address => !ContactAddress.IsBsuid(address) && address != client.Phone) is { } otherPhone)
        {
            return Problem.Invalid("clientId",
                $"This contact writes from {otherPhone}, not from {client.Name}'s number {client.Phone}: a contact with a phone number is " +
                "recognised by that number. Change the client's phone if it is theirs.");
        }

        var userIds = addresses.Where(ContactAddress.IsBsuid).ToList();
        if (userIds.Count > 0)
        {
            await clients.LinkAddressesAsync(consultantId, id, userIds, time.GetUtcNow());
        }

        await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, conversationKey)).RecogniseContactAsync();
        await bookings.LinkContactToClientAsync(consultantId, conversationKey, id);
        return await conversations.FindAsync(consultantId, conversationId) is { } linked ? linked : Problem.NotFound();
    }
}
