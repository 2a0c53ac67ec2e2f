using Consultant.Grains.Booking;
using Consultant.Grains.Languages;
using Ical.Net;
using Ical.Net.CalendarComponents;

namespace Consultant.Tests;

/// <summary>Calendar files read back with Ical.Net, as a calendar app would read them.</summary>
public sealed class CalendarFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    private static CalendarEvent SingleEvent(Calendar calendar)
    {
        Assert.That(calendar.Events, Has.Count.EqualTo(1));
        return calendar.Events.Single();
    }

    [Test]
    public void A_booking_file_is_a_request_with_a_stable_uid_its_sequence_utc_times_and_the_meeting_link_and_a_reschedule_raises_the_sequence()
    {
        var booked = BookingSamples.Booked(Guid.NewGuid());
        var file = Calendar.Load(CalendarFile.ForContact(booked, BookingSamples.Organizer, ContactLanguage.Italian, Now))!;

        Assert.That(file.Method, Is.EqualTo("REQUEST"));
        var first = SingleEvent(file);
        Assert.That(first.Uid, Is.EqualTo(CalendarFile.Uid(booked.Id)));
        Assert.That(first.Sequence, Is.EqualTo(0));
        Assert.That(first.Start!.IsUtc && first.End!.IsUtc, "DTSTART and DTEND in UTC");
        Assert.That(first.Start.AsUtc, Is.EqualTo(new DateTime(2026, 4, 2, 16, 0, 0, DateTimeKind.Utc)));
        Assert.That(first.End!.AsUtc, Is.EqualTo(new DateTime(2026, 4, 2, 17, 0, 0, DateTimeKind.Utc)));
        Assert.That(first.Status, Is.EqualTo("CONFIRMED"));
        Assert.That(first.Summary, Is.EqualTo("Consulenza con Laura Conti"));
        Assert.That(first.Description, Does.Contain("Training plan review").And.Contain(booked.MeetingLink));
        Assert.That(first.Location, Is.EqualTo(booked.MeetingLink));
        Assert.That(first.Url, Is.EqualTo(new Uri(booked.MeetingLink!)));
        Assert.That(first.Organizer!.Value, Is.EqualTo(new Uri("mailto:laura@example.com")));
        Assert.That(first.Organizer.CommonName, Is.EqualTo("Laura Conti"));

        var moved = booked with { StartsAt = booked.StartsAt.AddDays(1), Sequence = 1 };
        var second = SingleEvent(Calendar.Load(CalendarFile.ForContact(moved, BookingSamples.Organizer, ContactLanguage.Italian, Now))!);
        Assert.That(second.Uid, Is.EqualTo(first.Uid), "the same consultation, so calendars replace their copy");
        Assert.That(second.Sequence, Is.GreaterThan(first.Sequence));
        Assert.That(second.Start!.AsUtc, Is.EqualTo(new DateTime(2026, 4, 3, 16, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void A_cancelled_consultations_file_is_a_cancel_with_status_cancelled_its_uid_and_a_higher_sequence()
    {
        var booked = BookingSamples.Booked(Guid.NewGuid(), sequence: 1);
        var cancelled = booked with { Status = BookingStatus.Cancelled, Sequence = 2 };
        var file = Calendar.Load(CalendarFile.ForContact(cancelled, BookingSamples.Organizer, ContactLanguage.English, Now))!;

        Assert.That(file.Method, Is.EqualTo("CANCEL"));
        var item = SingleEvent(file);
        Assert.That(item.Status, Is.EqualTo("CANCELLED"));
        Assert.That(item.Uid, Is.EqualTo(CalendarFile.Uid(booked.Id)));
        Assert.That(item.Sequence, Is.EqualTo(2));
        Assert.That(item.Summary, Is.EqualTo("Consultation with Laura Conti"));
    }

    [Test]
    public void A_booking_without_a_video_link_has_no_location_or_url()
    {
        var item = SingleEvent(Calendar.Load(CalendarFile.ForContact(
            BookingSamples.Booked(Guid.NewGuid(), meetingLink: null), BookingSamples.Organizer, ContactLanguage.Spanish, Now))!);
        Assert.That(item.Location, Is.Null);
        Assert.That(item.Url, Is.Null);
        Assert.That(item.Summary, Is.EqualTo("Consulta con Laura Conti"));
    }

    [Test]
    public void The_feed_publishes_every_consultation_by_contact_name_cancelled_ones_marked_cancelled_and_never_a_hold()
    {
        var consultant = Guid.NewGuid();
        var scheduled = BookingSamples.Booked(consultant, contactName: "Anna Verdi");
        var cancelled = BookingSamples.Booked(consultant, BookingSamples.AprilSecond.AddHours(2), BookingStatus.Cancelled, 1, contactName: "Luca Neri");
        var completed = BookingSamples.Booked(consultant, BookingSamples.AprilSecond.AddDays(-10), BookingStatus.Completed, contactName: "Sara Gialli");
        var held = BookingSamples.Booked(consultant, BookingSamples.AprilSecond.AddHours(4), BookingStatus.Held);

        var feed = Calendar.Load(CalendarFile.Feed([scheduled, cancelled, completed, held], BookingSamples.Organizer, Now))!;

        Assert.That(feed.Method, Is.EqualTo("PUBLISH"));
        var byUid = feed.Events.ToDictionary(e => e.Uid!);
        Assert.That(byUid.Keys, Is.EquivalentTo(new[] { scheduled, cancelled, completed }.Select(b => CalendarFile.Uid(b.Id))));
        Assert.That(byUid[CalendarFile.Uid(scheduled.Id)].Status, Is.EqualTo("CONFIRMED"));
        Assert.That(byUid[CalendarFile.Uid(scheduled.Id)].Summary, Is.EqualTo("Anna Verdi · Training plan review"));
        Assert.That(byUid[CalendarFile.Uid(cancelled.Id)].Status, Is.EqualTo("CANCELLED"));
        Assert.That(byUid[CalendarFile.Uid(cancelled.Id)].Sequence, Is.EqualTo(1));
        Assert.That(byUid[CalendarFile.Uid(completed.Id)].Status, Is.EqualTo("CONFIRMED"));
    }

    [Test]
    public void The_feed_tells_calendar_apps_to_poll_it_every_hour()
    {
        var text = CalendarFile.Feed([BookingSamples.Booked(Guid.NewGuid())], BookingSamples.Organizer, Now);

        var feed = Calendar.Load(text)!;
        Assert.That(feed.Properties["REFRESH-INTERVAL"]?.Value?.ToString(), Is.EqualTo("PT1H"));
        Assert.That(feed.Properties["X-PUBLISHED-TTL"]?.Value?.ToString(), Is.EqualTo("PT1H"));
        Assert.That(text, Does.Contain("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"), "the value type RFC 7986 asks for");
    }
}
