using Consultant.Grains.Accounts;
using Consultant.Grains.Clients;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Booking;

/// <summary>
/// Writes the confirmation of a booking change for its contact, as the chat and the dashboard send it: in the
/// contact's language (<see cref="LanguageRule"/>) and time zone (<see cref="ContactTimeZones"/>), the consultant's
/// time beside it when their clocks differ, with a new link to the consultation's calendar file.
/// </summary>
public sealed class BookingConfirmations(
    ContactTimeZones timeZones, AccountSettingsService accounts, ContactLanguageStore languages, ClientRepository clients,
    CalendarFileLinks calendarFiles)
{
    public async Task<BookingConfirmation> WriteAsync(BookingMessageKind kind, BookedConsultation booking)
    {
        var client = booking.ClientId is { } clientId ? await clients.GetAsync(booking.ConsultantId, clientId)
            : booking.ContactAddress is { } contact ? await clients.FindByContactAsync(booking.ConsultantId, contact)
            : null;
        // A consultation booked for a client who never wrote has no conversation: their record's phone stands for it.
        var address = booking.ContactAddress ?? client?.Phone ?? string.Empty;
        var language = LanguageRule.Current(await languages.GetAsync(booking.ConsultantId, address), client?.Language, address).Language;
        var contactZone = (await timeZones.GetAsync(booking.ConsultantId, address)).TimeZone;
        var consultantZone = (await accounts.GetCalendarAsync(booking.ConsultantId)).TimeZone;
        var link = await calendarFiles.CreateAsync(booking.ConsultantId, booking.Id, language);
        return new BookingConfirmation(
            BookingMessages.Build(kind, booking, contactZone, consultantZone, language, link), language, contactZone, link);
    }
}
