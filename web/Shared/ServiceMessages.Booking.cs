using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Booking: the availability section, bookings and the client records' consultations.</summary>
    private LocalizedString[] BookingWordings() =>
    [
        L["At most {0} ranges of working hours."],
        L["The day is monday, tuesday, wednesday, thursday, friday, saturday or sunday."],
        L["The end is before the start: a range ends later the same day."],
        L["This range overlaps another range of the same day: join them or move one."],
        L["A time of day is HH:mm, e.g. 09:00 or 17:30."],
        L["This cannot be negative."],
        L["This is between {0} and {1}."],
        L["At most {0} periods off."],
        L["A note has at most {0} characters."],
        L["The last day is before the first: choose a last day on or after it."],
        L["A date is yyyy-mm-dd, e.g. 2026-12-24."],
        L["The meeting link is an https:// address, e.g. https://meet.example.com/you."],
        L["That time has passed: choose a time in the future."],
        L["That day is a day off: choose another day."],
        L["That time is outside the working hours: choose a time within them."],
        L["That is too soon: a booking needs {0} minutes' notice."],
        L["That is too far ahead: bookings are open {0} days ahead."],
        L["Give either conversationId or clientId: who the consultation is with."],
        L["The start is required (an ISO 8601 date and time with its offset)."],
        L["The reason can have at most {0} characters."],
        L["That time is already booked: choose another time."],
        L["That time is already booked, and nothing else is free in the week from that day: choose a later day."],
        L["This consultation is cancelled."],
        L["This consultation has already taken place."],
        L["That time overlaps another consultation: choose another time."],
        L["Not sent: this client has no WhatsApp conversation yet."],
        L["Deleted from the client's record."],
        L["'{0}' is not an IANA time zone; choose one such as Europe/Rome or America/New_York, or null for the zone of the contact's number."],
        L["Not sent: the chat could not be reached just now. Tell the contact yourself."],
    ];
}
