using System.Globalization;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;

namespace Consultant.Grains.Clients;

/// <summary>Validates and normalises client data before it reaches the tables; used by the API and the dashboard alike.</summary>
public sealed class ClientService(ClientRepository clients, AccountSettingsService accountSettings, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public Task<ClientPage> ListAsync(Guid consultantId, string? search, int page, int pageSize) =>
        clients.ListAsync(consultantId, search, Math.Max(1, page), Math.Clamp(pageSize, 1, MaxPageSize));

    public Task<Client?> GetAsync(Guid consultantId, Guid clientId) => clients.GetAsync(consultantId, clientId);

    public Task<bool> DeleteAsync(Guid consultantId, Guid clientId) => clients.DeleteAsync(consultantId, clientId);

    /// <param name="defaultCountry">The consultant's default phone country when the caller already has it (an import).</param>
    public async Task<ClientSaveResult> CreateAsync(Guid consultantId, ClientInput input, string? defaultCountry = null)
    {
        defaultCountry ??= await accountSettings.GetDefaultCountryAsync(consultantId);
        var (client, errors) = Validate(input, Guid.NewGuid(), time.GetUtcNow(), defaultCountry);
        if (client is null)
        {
            return new ClientSaveResult(ClientSaveOutcome.Invalid, null, errors);
        }

        return await clients.TryInsertAsync(consultantId, client)
            ? new ClientSaveResult(ClientSaveOutcome.Saved, client, errors)
            : await PhoneTakenAsync(consultantId, client.Phone);
    }

    public async Task<ClientSaveResult> UpdateAsync(Guid consultantId, Guid clientId, ClientInput input)
    {
        var existing = await clients.GetAsync(consultantId, clientId);
        if (existing is null)
        {
            return new ClientSaveResult(ClientSaveOutcome.NotFound, null, new ValidationErrors());
        }

        var (client, errors) = Validate(input, clientId, existing.CreatedAt, await accountSettings.GetDefaultCountryAsync(consultantId));
        if (client is null)
        {
            return new ClientSaveResult(ClientSaveOutcome.Invalid, null, errors);
        }

        return await clients.UpdateAsync(consultantId, client) switch
        {
            ClientRepository.UpdateOutcome.Updated => new ClientSaveResult(ClientSaveOutcome.Saved, client, errors),
            ClientRepository.UpdateOutcome.PhoneTaken => await PhoneTakenAsync(consultantId, client.Phone),
            _ => new ClientSaveResult(ClientSaveOutcome.NotFound, null, errors),
        };
    }

    /// <summary>Names the consultant's own client who has the number, so they know whom to open instead.</summary>
    private async Task<ClientSaveResult> PhoneTakenAsync(Guid consultantId, string phone)
    {
        var errors = new ValidationErrors();
        var owner = await clients.FindByContactAsync(consultantId, phone); // a phone match comes first
        errors.Add("phone", owner is null
            ? $"Another of your clients already has the number {phone}."
            : $"Your client {owner.Name} already has the number {phone}.");
        return new ClientSaveResult(ClientSaveOutcome.PhoneTaken, null, errors);
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

        var language = string.IsNullOrWhiteSpace(input.Language) ? "en" : input.Language.Trim();
        if (!IsKnownLanguage(language))
        {
            errors.Add("language", $"'{language}' is not a language code; use one such as en, pt, es or it.");
        }

        var goals = string.IsNullOrWhiteSpace(input.Goals) ? null : input.Goals.Trim();
        errors.CheckLength("goals", goals, InputLimits.GoalsLength);

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new Client(id, name!, phone, email, language.ToLowerInvariant(), goals, createdAt, time.GetUtcNow()), errors);
    }

    private static bool IsKnownLanguage(string code)
    {
        if (code.Length is < 2 or > 10)
        {
            return false;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return !string.IsNullOrEmpty(culture.Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
