using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Clients;

/// <summary>
/// Validates and normalises client data before it reaches the tables; used by the API, the dashboard, the import and
/// add-client-from-a-chat alike. A client saved with a number a lead booked from gets that lead's consultations.
/// </summary>
public sealed class ClientService(
    ClientRepository clients, AccountSettingsService accountSettings, IConsultationScheduler consultations, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The title of the conflict when the phone number is another client's.</summary>
    public const string DuplicatePhoneTitle = "Duplicate phone number";

    public Task<ClientPage> ListAsync(Guid consultantId, string? search, int page, int pageSize) =>
        clients.ListAsync(consultantId, search, Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));

    public Task<Client?> GetAsync(Guid consultantId, Guid clientId) => clients.GetAsync(consultantId, clientId);

    public Task<bool> DeleteAsync(Guid consultantId, Guid clientId) => clients.DeleteAsync(consultantId, clientId);

    /// <summary>
    /// The client a conversation is with, as the conversation recognises them when the contact writes (by the number or
    /// another of the client's addresses, the simulator's too): found even before the conversation is linked.
    /// </summary>
    /// <param name="conversationAddress">The conversation's address (its <c>ContactPhone</c>).</param>
    public Task<Client?> OfConversationAsync(Guid consultantId, string conversationAddress) =>
        clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(conversationAddress));

    /// <param name="defaultCountry">The consultant's default phone country when the caller already has it (an import).</param>
    public async Task<Result<Client>> CreateAsync(Guid consultantId, ClientInput input, string? defaultCountry = null)
    {
        defaultCountry ??= await accountSettings.GetDefaultCountryAsync(consultantId);
        var (client, errors) = Validate(input, Guid.NewGuid(), time.GetUtcNow(), defaultCountry);
        if (client is null)
        {
            return Problem.Invalid(errors);
        }

        if (!await clients.TryInsertAsync(consultantId, client))
        {
            return await PhoneTakenAsync(consultantId, client.Phone);
        }

        await consultations.LinkLeadBookingsAsync(consultantId, client.Phone, client.Id); // the lead who booked is this client now
        return client;
    }

    public async Task<Result<Client>> UpdateAsync(Guid consultantId, Guid clientId, ClientInput input)
    {
        var existing = await clients.GetAsync(consultantId, clientId);
        if (existing is null)
        {
            return Problem.NotFound();
        }

        var (client, errors) = Validate(input, clientId, existing.CreatedAt, await accountSettings.GetDefaultCountryAsync(consultantId));
        if (client is null)
        {
            return Problem.Invalid(errors);
        }

        return await clients.UpdateAsync(consultantId, client) switch
        {
            ClientRepository.UpdateOutcome.Updated => await LinkedAsync(consultantId, client),
            ClientRepository.UpdateOutcome.PhoneTaken => await PhoneTakenAsync(consultantId, client.Phone),
            _ => Problem.NotFound(),
        };
    }

    private async Task<Client> LinkedAsync(Guid consultantId, Client client)
    {
        await consultations.LinkLeadBookingsAsync(consultantId, client.Phone, client.Id); // a number changed to a lead's who booked
        return client;
    }

    /// <summary>
    /// Names the consultant's own client who has the number, so they know whom to open instead; the number as the
    /// clients list writes it (+39 347 555 1234), not as it is stored.
    /// </summary>
    private async Task<Problem> PhoneTakenAsync(Guid consultantId, string phone)
    {
        var owner = await clients.FindByContactAsync(consultantId, phone); // a phone match comes first
        var written = PhoneNumberNormalizer.ForPeople(phone);
        return Problem.Conflict(DuplicatePhoneTitle, "phone", owner is null
            ? $"Another of your clients already has the number {written}."
            : $"Your client {owner.Name} already has the number {written}.");
    }

    private (Client? Client, ValidationErrors Errors) Validate(ClientInput input, Guid id, DateTimeOffset createdAt, string defaultCountry)
    {
        var errors = new ValidationErrors();
        var phone = string.Empty;
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("name", "A name is required.");
        }
        else
        {
            errors.CheckLength("name", name, InputLimits.NameLength);
        }

        if (string.IsNullOrWhiteSpace(input.Phone))
        {
            errors.Add("phone", $"The phone number is required. {PhoneNumberNormalizer.FormatHintFor(defaultCountry)}");
        }
        else if (!PhoneNumberNormalizer.TryNormalize(input.Phone, out phone, defaultCountry))
        {
            errors.Add("phone", $"'{input.Phone}' is not a valid phone number. {PhoneNumberNormalizer.FormatHintFor(defaultCountry)}");
        }

        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is { Length: > InputLimits.EmailLength })
        {
            errors.Add("email", $"The e-mail address can have at most {InputLimits.EmailLength} characters.");
        }
        else if (email is not null && !EmailAddresses.IsValid(email))
        {
            errors.Add("email", $"'{email}' is not a valid e-mail address.");
        }

        var language = ContactLanguage.FromCode(input.Language);
        if (language is null && !string.IsNullOrWhiteSpace(input.Language))
        {
            errors.Add("language", $"'{input.Language.Trim()}' is not a language the assistant speaks: use {ContactLanguage.CodesText}, or leave it empty (not set).");
        }

        var goals = string.IsNullOrWhiteSpace(input.Goals) ? null : input.Goals.Trim();
        errors.CheckLength("goals", goals, InputLimits.GoalsLength);

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new Client(id, name!, phone, email, language?.Code, goals, createdAt, time.GetUtcNow()), errors);
    }
}
