using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using NodaTime;

namespace Consultant.Grains.Booking;

/// <summary>
/// The confirmation the contact gets when a consultation is booked, moved or cancelled, written by the system from the
/// booking itself (never by the AI): the date in the contact's language, the time in the contact's zone — with the
/// consultant's beside it when their clocks differ ("18:00 Rome / 17:00 London") —, the length, the video link when
/// there is one, and the link to the calendar file.
/// </summary>
public static class BookingMessages
{
    private const string TimePattern = "HH:mm";

    /// <param name="contactTimeZone">IANA id (<see cref="ContactTimeZones.GetAsync"/>).</param>
    /// <param name="consultantTimeZone">IANA id (the account's).</param>
    /// <param name="calendarFileUrl">The consultation's calendar file (<see cref="CalendarFileLinks.CreateAsync"/>); null: not mentioned.</param>
    public static string Build(
        BookingMessageKind kind, BookedConsultation booking, string contactTimeZone, string consultantTimeZone,
        ContactLanguage language, Uri? calendarFileUrl)
    {
        var start = Instant.FromDateTimeOffset(booking.StartsAt);
        var contactTime = start.InZone(TimeZones.Get(contactTimeZone));
        var consultantTime = start.InZone(TimeZones.Get(consultantTimeZone));
        var date = contactTime.ToDateTimeUnspecified().ToString(BookingTexts.Get("DateFormat", language), language.Culture);
        var time = TimesText(contactTime, consultantTime, language);

        var lines = new List<string>
        {
            kind switch
            {
                BookingMessageKind.Booked => BookingTexts.Format("Booked", language, date, time, booking.DurationMinutes),
                BookingMessageKind.Rescheduled => BookingTexts.Format("Rescheduled", language, date, time, booking.DurationMinutes),
                _ => BookingTexts.Format("Cancelled", language, date, time),
            },
        };
        if (kind != BookingMessageKind.Cancelled && !string.IsNullOrWhiteSpace(booking.MeetingLink))
        {
            lines.Add(BookingTexts.Format("VideoLink", language, booking.MeetingLink));
        }

        if (calendarFileUrl is not null)
        {
            lines.Add(BookingTexts.Format(kind == BookingMessageKind.Cancelled ? "CalendarFileCancelled" : "CalendarFile", language, calendarFileUrl));
        }

        return string.Join("\n", lines);
    }

    /// <summary>
    /// A consultation's start as the contact reads it: the date in their language and zone, then the time, with the
    /// consultant's beside it when their clocks differ ("martedì 1 dicembre, 18:00 Rome / 17:00 London"). The booking
    /// tools show offered slots with it, so the model repeats times exactly as the confirmation will write them.
    /// </summary>
    public static string When(DateTimeOffset startsAt, string contactTimeZone, string consultantTimeZone, ContactLanguage language)
    {
        var start = Instant.FromDateTimeOffset(startsAt);
        var contactTime = start.InZone(TimeZones.Get(contactTimeZone));
        var date = contactTime.ToDateTimeUnspecified().ToString(BookingTexts.Get("DateFormat", language), language.Culture);
        return $"{date}, {TimesText(contactTime, start.InZone(TimeZones.Get(consultantTimeZone)), language)}";
    }

    /// <summary>"18:00" when both clocks agree; otherwise "18:00 Rome / 17:00 London", the consultant's date added when it differs.</summary>
    private static string TimesText(ZonedDateTime contact, ZonedDateTime consultant, ContactLanguage language)
    {
        var contactText = contact.ToDateTimeUnspecified().ToString(TimePattern, language.Culture);
        if (contact.LocalDateTime == consultant.LocalDateTime)
        {
            return contactText;
        }

        var consultantText = consultant.ToDateTimeUnspecified().ToString(TimePattern, language.Culture);
        if (consultant.Date != contact.Date)
        {
            consultantText = consultant.ToDateTimeUnspecified().ToString("ddd d MMM", language.Culture) + " " + consultantText;
        }

        return $"{contactText} {CityOf(contact.Zone)} / {consultantText} {CityOf(consultant.Zone)}";
    }

    /// <summary>The place a zone is named after: Europe/Rome → Rome, America/New_York → New York, UTC → UTC.</summary>
    private static string CityOf(DateTimeZone zone) => zone.Id[(zone.Id.LastIndexOf('/') + 1)..].Replace('_', ' ');
}
