using Consultant.Grains.Accounts;
using Consultant.Grains.Booking;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Consultant.Tests;

/// <summary>
/// Quiet hours (21:00–09:00 in the contact's zone) applied when a follow-up is scheduled, not only when it falls due:
/// the queue and the chat header's next follow-up show the time it really goes; a reminder that quiet hours would hold
/// until its consultation has started is skipped with the reason, and scheduled again when the booking moves. Fixed
/// times in June 2030 in Europe/Rome (UTC+2), so nothing depends on when the test runs.
/// </summary>
public sealed class FollowUpQuietHoursTests : PipelineFixture
{
    private static readonly DateTimeZone Rome = DateTimeZoneProviders.Tzdb["Europe/Rome"];

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["FollowUps:QuietHoursStart"] = "21:00",
        ["FollowUps:QuietHoursEnd"] = "09:00",
    };

    /// <summary>The sweep is the whole cluster's: what a test leaves upcoming must not be claimed by the next test's sweeps.</summary>
    [TearDown]
    public Task CancelLeftoversAsync() =>
        Db.ExecuteAsync(ConnectionString, "UPDATE whatsapp_followup_reminders SET status = 'cancelled' WHERE status IN ('pending', 'paused')");

    [Test]
    public async Task A_nudge_that_falls_in_the_contacts_night_is_queued_and_shown_at_the_end_of_their_quiet_hours()
    {
        // With a template: once quiet hours end the window is closed, and the nudge goes as the template then.
        var (consultantId, phone, rows) = await ContactAsync(isLead: true, FollowUpClock.On(FollowUpRuleKeys.Lead24h, template: true));
        await rows.InboundAsync(phone, InRome(2030, 6, 9, 3, 30)); // 23 hours later is 02:30 the next night
        await Silence.AnchorAsync(consultantId, phone, InRome(2030, 6, 9, 3, 31)); // we answered: what the hook does

        var queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 10, 9, 0), FollowUpReasons.QuietHours)),
            "queued for 09:00 in Rome, when it can go");
        var next = await Service.NextForConversationAsync(consultantId, queued.ConversationId);
        Assert.That(next!.ScheduledFor, Is.EqualTo(InRome(2030, 6, 10, 9, 0)), "the chat header's next follow-up says the same");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 10, 2, 31), "21:00", "09:00"), Is.Zero, "nothing due at 02:30");

        // The contact writes in the day: the nudge moves onto that message, due in the day, and no longer says "moved".
        await rows.InboundAsync(phone, InRome(2030, 6, 10, 10, 0));
        await Silence.ReanchorAsync(consultantId, phone, InRome(2030, 6, 10, 10, 1));
        queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 11, 9, 0), (string?)null)));

        // Late at night: 23 hours later is 22:00 the next evening, so the nudge waits for the morning after.
        await rows.InboundAsync(phone, InRome(2030, 6, 10, 23, 0));
        await Silence.ReanchorAsync(consultantId, phone, InRome(2030, 6, 10, 23, 1));
        queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 12, 9, 0), FollowUpReasons.QuietHours)));
    }

    [Test]
    public async Task A_reminder_is_queued_out_of_quiet_hours_or_skipped_when_they_last_until_the_consultation_and_scheduled_again_when_it_moves()
    {
        var (consultantId, phone, _) = await ContactAsync(isLead: false, FollowUpClock.On(FollowUpRuleKeys.Before1h));
        var atHalfPastNine = await BookAsync(consultantId, phone, InRome(2030, 6, 12, 9, 30));
        var atHalfPastEight = await BookAsync(consultantId, phone, InRome(2030, 6, 13, 8, 30));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 1, 12, 0), "21:00", "09:00"), Is.Zero);

        var rows = await AllAsync(consultantId);
        Assert.That(rows.Single(f => f.Anchor == atHalfPastNine.ToString()), Has.Property(nameof(FollowUp.ScheduledFor)).EqualTo(InRome(2030, 6, 12, 9, 0))
            .And.Property(nameof(FollowUp.Status)).EqualTo(FollowUpStatus.Pending),
            "an hour before 09:30 is 08:30, in quiet hours: at 09:00, still before it starts");
        Assert.That(rows.Single(f => f.Anchor == atHalfPastEight.ToString()), Has.Property(nameof(FollowUp.Status)).EqualTo(FollowUpStatus.Skipped)
            .And.Property(nameof(FollowUp.Reason)).EqualTo(FollowUpReasons.QuietHoursUntilStart),
            "an hour before 08:30 could go only after it started: not sent, and the history says why");

        var moved = await Bookings.MoveAsync(consultantId, atHalfPastEight, InRome(2030, 6, 13, 15, 0), 60, 0, InRome(2030, 6, 1, 12, 5));
        Assert.That(moved.Moved, Is.Not.Null);
        await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 1, 12, 10), "21:00", "09:00");
        var again = (await AllAsync(consultantId)).Single(f => f.Anchor == atHalfPastEight.ToString());
        Assert.That((again.Status, again.ScheduledFor, again.Reason), Is.EqualTo((FollowUpStatus.Pending, InRome(2030, 6, 13, 14, 0), (string?)null)),
            "moved to 15:00: an hour before it again");
    }

    [Test]
    public async Task A_reminder_found_in_quiet_hours_when_due_that_last_until_the_consultation_is_skipped_not_sent_at_night()
    {
        // Scheduled while the contact's zone was Tokyo (07:30 in Rome is 14:30 there), then the consultant set Rome.
        var (consultantId, phone, _) = await ContactAsync(isLead: false, FollowUpClock.On(FollowUpRuleKeys.Before1h), zone: "Asia/Tokyo");
        var booking = await BookAsync(consultantId, phone, InRome(2030, 6, 14, 8, 30));
        await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 1, 12, 0), "21:00", "09:00");
        Assert.That((await UpcomingAsync(consultantId)).ScheduledFor, Is.EqualTo(InRome(2030, 6, 14, 7, 30)));
        // Straight into the table: a change no re-plan followed (ContactTimeZones' own re-plan is tested below).
        await Host.Services.GetRequiredService<ContactTimeZoneStore>().SetAsync(consultantId, phone, "Europe/Rome");

        Assert.That(await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 14, 7, 31), "21:00", "09:00"), Is.Zero);
        var reminder = (await AllAsync(consultantId)).Single(f => f.Anchor == booking.ToString());
        Assert.That((reminder.Status, reminder.Reason), Is.EqualTo((FollowUpStatus.Skipped, FollowUpReasons.QuietHoursUntilStart)));
        Assert.That(Twilio.Sent.Where(m => m.To == "whatsapp:" + phone), Is.Empty);
    }

    [Test]
    public async Task A_contacts_zone_change_plans_their_queued_follow_ups_again_from_the_time_their_rule_gives()
    {
        var (consultantId, phone, rows) = await ContactAsync(isLead: true, FollowUpClock.On(FollowUpRuleKeys.Lead24h, template: true));
        await rows.InboundAsync(phone, InRome(2030, 6, 9, 3, 30));
        await Silence.AnchorAsync(consultantId, phone, InRome(2030, 6, 9, 3, 31));
        Assert.That((await UpcomingAsync(consultantId)).ScheduledFor, Is.EqualTo(InRome(2030, 6, 10, 9, 0)), "02:30 in Rome is night");

        // 02:30 in Rome is 20:30 the evening before in New York: no longer night, so at the time the rule gives.
        await TimeZonesOfContacts.SetAsync(consultantId, phone, "America/New_York");
        var queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 10, 2, 30), (string?)null)));

        // Back to Rome: night again, planned from 02:30 (not from where it was), so 09:00.
        await TimeZonesOfContacts.SetAsync(consultantId, phone, "Europe/Rome");
        queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 10, 9, 0), FollowUpReasons.QuietHours)));

        // The change made at 03:00 in Rome, after the rule's time: planned from then. In Tokyo it is 10:00, so it goes now.
        var clock = new FakeTimeProvider(InRome(2030, 6, 10, 3, 0));
        await Host.Services.GetRequiredService<ContactTimeZoneStore>().SetAsync(consultantId, phone, "Asia/Tokyo");
        await Host.Services.GetRequiredService<FollowUpQuietHours>().ReplanAsync(consultantId, phone, clock.GetUtcNow());
        queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 10, 3, 0), (string?)null)));
    }

    [Test]
    public async Task The_consultants_zone_change_plans_again_the_follow_ups_of_contacts_in_that_zone_only()
    {
        var (consultantId, phone, rows) = await ContactAsync(isLead: true, FollowUpClock.On(FollowUpRuleKeys.Lead24h, template: true));
        const string withoutNumber = "US.13491208655302741918"; // a WhatsApp user id: no number to guess a zone from, the consultant's zone is theirs
        await rows.ConversationAsync(withoutNumber, isLead: true);
        foreach (var contact in new[] { phone, withoutNumber })
        {
            await rows.InboundAsync(contact, InRome(2030, 6, 9, 3, 30));
            await Silence.AnchorAsync(consultantId, contact, InRome(2030, 6, 9, 3, 31));
        }

        Assert.That(await QueuedAtAsync(consultantId), Is.EqualTo(new[] { InRome(2030, 6, 10, 9, 0), InRome(2030, 6, 10, 9, 0) }));

        var saved = await Host.Services.GetRequiredService<AccountSettingsService>().SaveAsync(consultantId, new AccountSettingsInput("Asia/Tokyo", null, null));
        Assert.That(saved.Succeeded, saved.Errors.ToString());
        Assert.That(await QueuedAtAsync(consultantId), Is.EqualTo(new[] { InRome(2030, 6, 10, 9, 0), InRome(2030, 6, 10, 2, 30) }),
            "the contact in Rome keeps their night; the contact without a number is at 09:30 in Tokyo, at the rule's time");
    }

    [Test]
    public async Task A_nudge_quiet_hours_would_hold_past_the_window_goes_just_before_them_as_free_text_or_is_skipped_with_the_reason()
    {
        var (consultantId, phone, rows) = await ContactAsync(isLead: true, FollowUpClock.On(FollowUpRuleKeys.Lead24h));

        // Written at 23:00: due at 22:00 the next evening, quiet until 09:00, but the window closes at 23:00. Without a
        // template it goes at 20:50, before quiet hours, 70 minutes early and still inside the window.
        await rows.InboundAsync(phone, InRome(2030, 6, 10, 23, 0));
        await Silence.AnchorAsync(consultantId, phone, InRome(2030, 6, 10, 23, 1));
        var queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 11, 20, 50), FollowUpReasons.BeforeQuietHours)));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 11, 20, 49), "21:00", "09:00"), Is.Zero, "not before it");

        // A template given meanwhile: it waits for the morning and goes as the template; taken away, before quiet hours again.
        var template = await Service.SaveRulesAsync(consultantId, [FollowUpClock.On(FollowUpRuleKeys.Lead24h, template: true)]);
        Assert.That(template.Succeeded, template.Errors.ToString());
        queued = await UpcomingAsync(consultantId);
        Assert.That((queued.ScheduledFor, queued.Reason), Is.EqualTo((InRome(2030, 6, 12, 9, 0), FollowUpReasons.QuietHours)));
        await Service.SaveRulesAsync(consultantId, [FollowUpClock.On(FollowUpRuleKeys.Lead24h)]);
        Assert.That((await UpcomingAsync(consultantId)).ScheduledFor, Is.EqualTo(InRome(2030, 6, 11, 20, 50)));

        // Written at 02:00: due at 01:00 the next night; before quiet hours would be 20:50, over four hours early: skipped.
        await rows.InboundAsync(phone, InRome(2030, 6, 11, 2, 0));
        await Silence.ReanchorAsync(consultantId, phone, InRome(2030, 6, 11, 2, 1));
        var all = await AllAsync(consultantId);
        Assert.That(all.Select(f => (f.Status, f.Reason)), Is.EqualTo(new[] { (FollowUpStatus.Skipped, FollowUpReasons.QuietHoursUntilWindowCloses) }));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, InRome(2030, 6, 12, 9, 1), "21:00", "09:00"), Is.Zero);
        Assert.That(Twilio.Sent.Where(m => m.To == "whatsapp:" + phone), Is.Empty);
    }

    private ContactTimeZones TimeZonesOfContacts => Host.Services.GetRequiredService<ContactTimeZones>();

    private async Task<IReadOnlyList<DateTimeOffset>> QueuedAtAsync(Guid consultantId) =>
        (await Service.ListAsync(consultantId, "upcoming")).Value!.Items.OrderBy(f => f.ContactPhone, StringComparer.Ordinal).Select(f => f.ScheduledFor).ToList();

    private FollowUpService Service => Host.Services.GetRequiredService<FollowUpService>();

    private FollowUpSilence Silence => Host.Services.GetRequiredService<FollowUpSilence>();

    private BookingStore Bookings => Host.Services.GetRequiredService<BookingStore>();

    private static DateTimeOffset InRome(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Rome).ToDateTimeOffset().ToUniversalTime();

    /// <summary>A consultant with these rules on and one conversation (a lead or a client) whose contact is in <paramref name="zone"/>.</summary>
    private async Task<(Guid ConsultantId, string Phone, LedgerRows Rows)> ContactAsync(bool isLead, FollowUpRule rule, string zone = "Europe/Rome")
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await Service.SaveRulesAsync(consultant.Id, [rule]);
        Assert.That(saved.Succeeded, saved.Errors.ToString());
        var phone = "+39347" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = new LedgerRows(ConnectionString, consultant.Id);
        await rows.ConversationAsync(phone, isLead);
        await Host.Services.GetRequiredService<ContactTimeZones>().SetAsync(consultant.Id, phone, zone);
        return (consultant.Id, phone, rows);
    }

    private async Task<Guid> BookAsync(Guid consultantId, string phone, DateTimeOffset startsAt)
    {
        var id = Guid.NewGuid();
        Assert.That(await Bookings.InsertAsync(new NewConsultation(
            id, consultantId, null, phone, "Giulia", startsAt, 60, 0, BookingStatus.Scheduled, "Consulenza"), InRome(2030, 6, 1, 11, 0)), Is.True);
        return id;
    }

    private async Task<FollowUp> UpcomingAsync(Guid consultantId) => (await Service.ListAsync(consultantId, "upcoming")).Value!.Items.Single();

    private async Task<IReadOnlyList<FollowUp>> AllAsync(Guid consultantId) => (await Service.ListAsync(consultantId, null)).Value!.Items;
}
