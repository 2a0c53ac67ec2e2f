using Consultant.Grains.Languages;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcsCalendar = Ical.Net.Calendar;

namespace Consultant.Grains.Booking;

/// <summary>
/// Calendar files (RFC 5545, written with Ical.Net) of consultations. Each consultation keeps one UID for good, and its
/// SEQUENCE is the booking's, raised on every change, so a calendar app replaces its copy on a reschedule and removes it
/// on a cancellation (METHOD:CANCEL, STATUS:CANCELLED). Times are written in UTC: no time-zone table to get wrong.
/// </summary>
public static class CalendarFile
{
    public const string ContentType = "text/calendar";

    private const string ProductId = "-//Consultant WhatsApp Assistant//Booking//EN";

    /// <summary>The UID a consultation has in every file and feed, for as long as it exists.</summary>
    public static string Uid(Guid consultationId) => $"{consultationId:N}@consultant-booking";

    /// <summary>
    /// The contact's file of one consultation: METHOD:REQUEST while it stands, METHOD:CANCEL with STATUS:CANCELLED
    /// once cancelled; its few words in the contact's language.
    /// </summary>
    public static string ForContact(BookedConsultation booking, CalendarOrganizer organizer, ContactLanguage language, DateTimeOffset now)
    {
        var cancelled = booking.Status == BookingStatus.Cancelled;
        var calendar = NewCalendar(cancelled ? CalendarMethods.Cancel : CalendarMethods.Request);
        var summary = BookingTexts.Format("CalendarSummary", language, organizer.Name);
        calendar.Events.Add(EventOf(booking, organizer, summary, now));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>
    /// The consultant's feed: every consultation given (cancelled ones marked STATUS:CANCELLED), named by the contact.
    /// A subscription publishes (METHOD:PUBLISH): the apps show it, they do not answer it.
    /// </summary>
    public static string Feed(IEnumerable<BookedConsultation> bookings, CalendarOrganizer organizer, DateTimeOffset now)
    {
        var calendar = NewCalendar(CalendarMethods.Publish);
        calendar.AddProperty("X-WR-CALNAME", organizer.Name);
        // Calendar apps poll a subscription: asked to do so hourly (RFC 7986, and the name Outlook reads).
        var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT1H");
        refresh.AddParameter("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var booking in bookings.Where(b => b.Status != BookingStatus.Held))
        {
            var summary = string.IsNullOrWhiteSpace(booking.Topic) ? booking.ContactName : $"{booking.ContactName} · {booking.Topic}";
            calendar.Events.Add(EventOf(booking, organizer, summary, now));
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The file name a download is offered under, e.g. consultation-2026-04-02.ics.</summary>
    public static string FileName(BookedConsultation booking) =>
        $"consultation-{booking.StartsAt.UtcDateTime:yyyy-MM-dd}.ics";

    private static IcsCalendar NewCalendar(string method) => new() { ProductId = ProductId, Method = method };

    private static CalendarEvent EventOf(BookedConsultation booking, CalendarOrganizer organizer, string summary, DateTimeOffset now)
    {
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(booking.Id),
            Sequence = booking.Sequence,
            DtStamp = new CalDateTime(now.UtcDateTime),
            Start = new CalDateTime(booking.StartsAt.UtcDateTime),
            End = new CalDateTime(booking.EndsAt.UtcDateTime),
            Summary = summary,
            Description = Description(booking),
            Status = booking.Status == BookingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + organizer.Email) { CommonName = organizer.Name },
        };
        if (booking.MeetingLink is { } link)
        {
            calendarEvent.Location = link;
            if (Uri.TryCreate(link, UriKind.Absolute, out var url))
            {
                calendarEvent.Url = url;
            }
        }

        return calendarEvent;
    }

    private static string Description(BookedConsultation booking) =>
        string.Join("\n", new[] { booking.Topic, booking.MeetingLink }.Where(line => !string.IsNullOrWhiteSpace(line)));
}
