using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Consultant.Tests.BookingClock;

namespace Consultant.Tests;

/// <summary>
/// The booking core against the real database at chosen moments: no double booking (PostgreSQL's exclusion constraint,
/// buffer included), holds that expire, slots in Rome's wall clock across summer-time changes, notice and horizon,
/// the funnel, and the sequence a change bumps.
/// </summary>
public sealed class BookingTests : HostFixture
{
    /// <summary>Monday 23 March 2026, 08:00 in Rome: the week before summer time starts (Sunday 29 March).</summary>
    private static readonly DateTimeOffset MondayMorning = Rome(3, 23, 8);

    [Test]
    public async Task Two_contacts_racing_for_one_slot_get_one_booking_and_one_conflict()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(2);
        var bookings = new BookingClock(Host, MondayMorning).Service;

        foreach (var hour in new[] { 10, 11, 12, 14, 15 })
        {
            var slot = Rome(3, 24, hour);
            var results = await Task.WhenAll(contacts.Select(contact => Task.Run(() => bookings.BookForContactAsync(consultantId, contact, slot))));

            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1), $"{hour}:00 booked once");
            var refused = results.Single(r => !r.Succeeded).Problem!;
            Assert.Multiple(() =>
            {
                Assert.That(refused.Kind, Is.EqualTo(ProblemKind.Conflict));
                Assert.That(refused.Errors.ToDictionary()["startsAt"], Is.EqualTo(new[] { "That time is already booked: choose another time." }));
                Assert.That(refused.Detail, Does.StartWith("That time is already booked. Free instead: "));
            });
        }

        Assert.That(await ScheduledCountAsync(consultantId), Is.EqualTo(5));
    }

    [Test]
    public async Task A_taken_slot_offers_every_free_time_of_that_day_and_a_day_without_any_the_next_day_with_some()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(2);
        var bookings = new BookingClock(Host, MondayMorning).Service;
        foreach (var hour in new[] { 10, 12, 14 })
        {
            Assert.That((await bookings.BookForContactAsync(consultantId, contacts[0], Rome(3, 24, hour))).Succeeded, $"{hour}:00 booked");
        }

        // Six free times are left on Tuesday (09:00-18:00, hour-long): the refusal offers all six, not the first three.
        var sixFree = new[] { "2026-03-24 09:00", "2026-03-24 11:00", "2026-03-24 13:00", "2026-03-24 15:00", "2026-03-24 16:00", "2026-03-24 17:00" };
        Assert.That(Starts(await bookings.FindSlotsAsync(consultantId, Day(3, 24))), Is.EqualTo(sixFree));
        var refused = await bookings.BookForContactAsync(consultantId, contacts[1], Rome(3, 24, 10));
        Assert.That(refused.Problem?.Kind, Is.EqualTo(ProblemKind.Conflict));
        Assert.That(Starts(await bookings.AlternativesAsync(consultantId, Rome(3, 24, 10), contacts[1])), Is.EqualTo(sixFree));
        Assert.That(refused.Problem!.Detail!.Split(", "), Has.Length.EqualTo(6), refused.Problem.Detail);

        // Saturday has no working hours: the times of Monday (after the summer-time change, still from 09:00).
        Assert.That(Starts(await bookings.AlternativesAsync(consultantId, Rome(3, 28, 10), contacts[1])),
            Is.EqualTo(Enumerable.Range(9, 9).Select(hour => $"2026-03-30 {hour:D2}:00")));
    }

    [Test]
    public async Task The_buffer_is_enforced_by_the_database_itself()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(1);
        await Availability.SaveAsync(consultantId, new AvailabilityInput(null, null, 15, null, null, null, null));
        var clock = new BookingClock(Host, MondayMorning);
        var booked = await clock.Service.BookForContactAsync(consultantId, contacts[0], Rome(3, 24, 10)); // 10:00-11:00, free until 11:15
        Assert.That(booked.Succeeded, booked.Problem?.ToString());

        var inBuffer = await Assert.ThrowsAsync<PostgresException>(() => InsertScheduledAsync(consultantId, Rome(3, 24, 11, 10)));
        Assert.That(inBuffer!.SqlState, Is.EqualTo("23P01"), "exclusion_violation");
        await Assert.DoesNotThrowAsync(() => InsertScheduledAsync(consultantId, Rome(3, 24, 11, 15)));

        // 75-minute steps from 09:00; each slot keeps its own 15 minutes after it free too.
        Assert.That(Starts(await clock.Service.FindSlotsAsync(consultantId, Day(3, 24))).Select(s => s[11..]),
            Is.EqualTo(new[] { "12:45", "14:00", "15:15", "16:30" }), "09:00-10:15 meets the booking, 10:15 and 11:30 the buffers");
    }

    [Test]
    public async Task A_hold_keeps_a_slot_from_others_until_it_expires_and_becomes_the_booking_of_its_contact()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(2);
        var (anna, bruno) = (contacts[0], contacts[1]);
        var clock = new BookingClock(Host, MondayMorning);
        var held = await clock.Service.HoldAsync(consultantId, anna, [Rome(3, 24, 10), Rome(3, 24, 11)]);
        Assert.That(held.Value!.Holds.Select(h => h.Status), Is.EqualTo(new[] { "held", "held" }));
        Assert.That(held.Value.ExpiresAt, Is.EqualTo(MondayMorning.AddMinutes(10)));

        Assert.That((await clock.Service.BookForContactAsync(consultantId, bruno, Rome(3, 24, 10))).Problem?.Kind, Is.EqualTo(ProblemKind.Conflict));
        Assert.That(Starts(await clock.Service.FindSlotsAsync(consultantId, Day(3, 24), bruno)), Does.Not.Contain("2026-03-24 10:00"));
        Assert.That(Starts(await clock.Service.FindSlotsAsync(consultantId, Day(3, 24), anna)), Does.Contain("2026-03-24 10:00"), "her own hold");

        clock.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(Starts(await clock.Service.FindSlotsAsync(consultantId, Day(3, 24), bruno)), Does.Contain("2026-03-24 10:00"));
        var afterExpiry = await clock.Service.BookForContactAsync(consultantId, bruno, Rome(3, 24, 10));
        Assert.That(afterExpiry.Succeeded, afterExpiry.Problem?.ToString());

        var again = await clock.Service.HoldAsync(consultantId, anna, [Rome(3, 24, 10), Rome(3, 24, 12), Rome(3, 24, 14)]);
        Assert.That(again.Value!.Holds.Select(h => InRome(h.StartsAt)), Is.EqualTo(new[] { "2026-03-24 12:00", "2026-03-24 14:00" }),
            "a slot taken meanwhile is not held");
        var hers = await clock.Service.BookForContactAsync(consultantId, anna, Rome(3, 24, 12));
        Assert.That(hers.Value!.Status, Is.EqualTo(BookingStatus.Scheduled));
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString,
            "SELECT count(*) FROM consultations WHERE consultant_id = @id AND status = 'held'", ("id", consultantId)), Is.Zero,
            "booking one of her held slots releases the others");
    }

    [Test]
    public async Task Slots_are_at_nine_in_Rome_on_both_sides_of_the_summer_time_changes()
    {
        var (consultantId, _) = await ConsultantWithLeadsAsync(0);

        var spring = await new BookingClock(Host, Rome(3, 20, 8)).Service.FindSlotsAsync(consultantId, Period(3, 26, 4, 1));
        var autumn = await new BookingClock(Host, Rome(10, 20, 8)).Service.FindSlotsAsync(consultantId, Period(10, 22, 10, 28));

        foreach (var (slots, days) in new[] { (spring, new[] { "03-26", "03-27", "03-30", "03-31", "04-01" }), (autumn, new[] { "10-22", "10-23", "10-26", "10-27", "10-28" }) })
        {
            var byDay = slots.GroupBy(s => InRome(s.StartsAt)[5..10]).ToDictionary(g => g.Key, g => g.ToList());
            Assert.That(byDay.Keys, Is.EqualTo(days), "weekdays only");
            foreach (var day in byDay.Values)
            {
                Assert.That(day.Select(s => InRome(s.StartsAt)[11..]), Is.EqualTo(new[] { "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00" }));
                Assert.That(day.All(s => s.EndsAt - s.StartsAt == TimeSpan.FromHours(1)));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(spring.First().StartsAt, Is.EqualTo(new DateTimeOffset(2026, 3, 26, 8, 0, 0, TimeSpan.Zero)), "09:00 CET is 08:00 UTC");
            Assert.That(spring.First(s => s.StartsAt.Month == 3 && s.StartsAt.Day == 30).StartsAt,
                Is.EqualTo(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero)), "09:00 CEST is 07:00 UTC");
            Assert.That(autumn.First().StartsAt.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(autumn.First(s => s.StartsAt.Day == 26).StartsAt, Is.EqualTo(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task Slots_and_contact_bookings_keep_the_minimum_notice_and_the_horizon()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(1);
        var clock = new BookingClock(Host, Rome(3, 23, 9, 30)); // notice 2 h: nothing before 11:30
        var slots = await clock.Service.FindSlotsAsync(consultantId, Period(3, 23, 4, 30));

        Assert.Multiple(() =>
        {
            Assert.That(InRome(slots.First().StartsAt), Is.EqualTo("2026-03-23 12:00"));
            Assert.That(InRome(slots.Last().StartsAt), Is.EqualTo("2026-04-13 17:00"), "21 days ahead: Monday 13 April is the last day");
        });

        var tooSoon = await clock.Service.BookForContactAsync(consultantId, contacts[0], Rome(3, 23, 11));
        var tooFar = await clock.Service.BookForContactAsync(consultantId, contacts[0], Rome(4, 14, 10));
        var consultantMayBookFar = await clock.Service.BookAsync(consultantId, new BookingRequest(Conversation(consultantId, contacts[0]), null, Rome(4, 14, 10), null));
        Assert.Multiple(() =>
        {
            Assert.That(tooSoon.Errors.ToDictionary()["startsAt"], Is.EqualTo(new[] { "That is too soon: a booking needs 120 minutes' notice." }));
            Assert.That(tooFar.Errors.ToDictionary()["startsAt"], Is.EqualTo(new[] { "That is too far ahead: bookings are open 21 days ahead." }));
            Assert.That(consultantMayBookFar.Succeeded, consultantMayBookFar.Problem?.ToString());
        });
    }

    [Test]
    public async Task Bad_bookings_are_refused_naming_the_field()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(1);
        var bookings = new BookingClock(Host, MondayMorning).Service;
        var conversation = Conversation(consultantId, contacts[0]);

        async Task<IDictionary<string, string[]>> ErrorsOf(BookingRequest request) =>
            (await bookings.BookAsync(consultantId, request)).Errors.ToDictionary();

        var past = await ErrorsOf(new BookingRequest(conversation, null, Rome(3, 20, 10), null));
        var afterHours = await ErrorsOf(new BookingRequest(conversation, null, Rome(3, 24, 17, 30), null));
        var saturday = await ErrorsOf(new BookingRequest(conversation, null, Rome(3, 28, 10), null));
        var malformed = await ErrorsOf(new BookingRequest(null, null, null, 2));
        Assert.Multiple(() =>
        {
            Assert.That(past["startsAt"], Is.EqualTo(new[] { "That time has passed: choose a time in the future." }));
            Assert.That(afterHours["startsAt"], Is.EqualTo(new[] { "That time is outside the working hours: choose a time within them." }),
                "17:30-18:30 ends after 18:00");
            Assert.That(saturday["startsAt"], Is.EqualTo(new[] { "That time is outside the working hours: choose a time within them." }));
            Assert.That(malformed.Keys, Is.EquivalentTo(new[] { "conversationId", "startsAt", "durationMinutes" }));
        });
        Assert.That((await bookings.BookAsync(consultantId, new BookingRequest(Guid.NewGuid(), null, Rome(3, 24, 10), null))).NotFound);
    }

    [Test]
    public async Task A_leads_booking_moves_them_to_booked_in_the_funnel()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(1);
        var booked = await new BookingClock(Host, MondayMorning).Service.BookForContactAsync(consultantId, contacts[0], Rome(3, 25, 10));

        Assert.That(booked.Value!.ClientId, Is.Null);
        Assert.That(booked.Value.ContactAddress, Is.EqualTo(contacts[0]));
        Assert.That(await new LeadFunnelData(Host, consultantId).StagesAsync(contacts[0]), Does.Contain("booked:booking"));
    }

    [Test]
    public async Task Moving_or_cancelling_bumps_the_sequence_and_every_calendar_is_told_even_when_another_fails()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(2);
        var google = new RecordingCalendar();
        var broken = new RecordingCalendar(fails: true);
        var bookings = new BookingClock(Host, MondayMorning, broken, google).Service;

        var booked = (await bookings.BookForContactAsync(consultantId, contacts[0], Rome(3, 25, 10))).Value!;
        var moved = await bookings.RescheduleAsync(consultantId, booked.Id, Rome(3, 25, 15), contacts[0]);
        var othersCancel = await bookings.CancelAsync(consultantId, booked.Id, "not mine", contacts[1]);
        var cancelled = await bookings.CancelAsync(consultantId, booked.Id, "ill", contacts[0]);

        Assert.Multiple(() =>
        {
            Assert.That(booked.Sequence, Is.Zero);
            Assert.That(booked.MeetingLink, Is.EqualTo("https://meet.example/abc-defg-hij"), "the link the calendar made, kept");
            Assert.That(moved.Value!.Sequence, Is.EqualTo(1));
            Assert.That(InRome(moved.Value.StartsAt), Is.EqualTo("2026-03-25 15:00"));
            Assert.That(othersCancel.NotFound, "another contact's booking is not theirs to cancel");
            Assert.That(cancelled.Value!.Sequence, Is.EqualTo(2));
            Assert.That(cancelled.Value.Status, Is.EqualTo(BookingStatus.Cancelled));
            Assert.That(google.Synced.Select(b => (b.Status, b.Sequence)),
                Is.EqualTo(new[] { ("scheduled", 0), ("scheduled", 1), ("cancelled", 2) }));
            Assert.That(broken.Synced, Has.Count.EqualTo(3), "a failing calendar undoes nothing");
        });
        Assert.That(Starts(await bookings.FindSlotsAsync(consultantId, Day(3, 25))), Does.Contain("2026-03-25 10:00").And.Contain("2026-03-25 15:00"));
    }

    [Test]
    public async Task A_contact_lists_only_their_own_bookings_and_busy_times_of_outside_calendars_are_not_offered()
    {
        var (consultantId, contacts) = await ConsultantWithLeadsAsync(2);
        var google = new RecordingCalendar();
        google.Busy.Add(new TimeRange(Rome(3, 26, 12, 30), Rome(3, 26, 13, 15)));
        var bookings = new BookingClock(Host, MondayMorning, google).Service;
        await bookings.BookForContactAsync(consultantId, contacts[0], Rome(3, 26, 9));
        await bookings.BookForContactAsync(consultantId, contacts[1], Rome(3, 26, 10));

        Assert.That((await bookings.ListForContactAsync(consultantId, contacts[0])).Select(b => InRome(b.StartsAt)), Is.EqualTo(new[] { "2026-03-26 09:00" }));
        Assert.That(Starts(await bookings.FindSlotsAsync(consultantId, Day(3, 26))).Select(s => s[11..]),
            Is.EqualTo(new[] { "11:00", "14:00", "15:00", "16:00", "17:00" }));
    }

    private AvailabilityService Availability => Host.Services.GetRequiredService<AvailabilityService>();

    private static AnalyticsPeriod Day(int month, int day) => Period(month, day, month, day);

    private static AnalyticsPeriod Period(int month, int day, int toMonth, int toDay) =>
        AnalyticsPeriod.Of(new DateOnly(2026, month, day), new DateOnly(2026, toMonth, toDay)).Value!;

    private static List<string> Starts(IEnumerable<FreeSlot> slots) => [.. slots.Select(s => InRome(s.StartsAt))];

    private static Guid Conversation(Guid consultantId, string phone) => Grains.Abstractions.ConversationKey.IdFor(consultantId, phone);

    /// <summary>A new consultant (Europe/Rome, default availability) and leads who wrote to them.</summary>
    private async Task<(Guid ConsultantId, string[] Contacts)> ConsultantWithLeadsAsync(int leads)
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var data = new LeadFunnelData(Host, consultant.Id);
        var phones = Enumerable.Range(0, leads).Select(i => $"+3934700{i:D5}").ToArray();
        foreach (var phone in phones)
        {
            await data.NewLeadAsync(phone, MondayMorning.AddDays(-3).ToUniversalTime());
        }

        return (consultant.Id, phones);
    }

    private Task<long> ScheduledCountAsync(Guid consultantId) => Db.ScalarAsync<long>(Host.ConnectionString,
        "SELECT count(*) FROM consultations WHERE consultant_id = @id AND status = 'scheduled'", ("id", consultantId));

    private async Task InsertScheduledAsync(Guid consultantId, DateTimeOffset startsAt)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO consultations (id, consultant_id, contact_address, scheduled_at, duration_minutes, buffer_minutes, status, topic, created_at, updated_at)
            VALUES (gen_random_uuid(), @consultantId, '+390000000', @startsAt, 60, 0, 'scheduled', 'direct', now(), now())
            """, connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("startsAt", startsAt.UtcDateTime);
        await command.ExecuteNonQueryAsync();
    }
}
