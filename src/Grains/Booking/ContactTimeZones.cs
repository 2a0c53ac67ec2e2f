using Consultant.Grains.Accounts;
using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>
/// The zone a contact's times are shown in (offered slots, confirmations): the consultant's choice for the
/// conversation, else the zone of the contact's number, else the consultant's own.
/// </summary>
public sealed class ContactTimeZones(ContactTimeZoneStore store, AccountSettingsService accounts, IEnumerable<ITimeZoneListener> listeners)
{
    /// <param name="contactAddress">The conversation's address: a phone, a WhatsApp user id or a simulator address.</param>
    public async Task<ContactTimeZone> GetAsync(Guid consultantId, string contactAddress)
    {
        if (TimeZones.Find(await store.GetAsync(consultantId, contactAddress)) is { } chosen)
        {
            return new ContactTimeZone(chosen, ContactTimeZone.FromConsultant);
        }

        return ContactTimeZoneGuess.FromAddress(contactAddress) is { } guessed
            ? new ContactTimeZone(guessed, ContactTimeZone.FromPhone)
            : new ContactTimeZone((await accounts.GetCalendarAsync(consultantId)).TimeZone, ContactTimeZone.FromAccount);
    }

    /// <summary>
    /// The consultant's choice; null or empty returns to the guess. 400 naming <c>timeZone</c> for an unknown zone. Each
    /// <see cref="ITimeZoneListener"/> is told (follow-ups planned in the old zone are planned again).
    /// </summary>
    public async Task<Result<ContactTimeZone>> SetAsync(Guid consultantId, string contactAddress, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            await store.ClearAsync(consultantId, contactAddress);
        }
        else if (TimeZones.Find(timeZone) is { } known)
        {
            await store.SetAsync(consultantId, contactAddress, known);
        }
        else
        {
            return Problem.Invalid("timeZone", $"'{timeZone}' is not an IANA time zone; choose one such as Europe/Rome or America/New_York, or null for the zone of the contact's number.");
        }

        foreach (var listener in listeners)
        {
            await listener.TimeZoneChangedAsync(consultantId, contactAddress);
        }

        return await GetAsync(consultantId, contactAddress);
    }
}
