using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// Follow-ups with a fake clock: the pipeline runs for real (signed webhooks, the fake Twilio, the fake AI), and the
/// follow-ups' sweep is woken explicitly at chosen moments (<see cref="FollowUpClock"/>), as its reminder does.
/// </summary>
public sealed class FollowUpTests : PipelineFixture
{
    /// <summary>The status reactions' clock (131049/63049 retry, 131050), in the test's hands like the sweep's.</summary>
    private readonly FakeTimeProvider statusClock = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Quiet hours off where follow-ups are scheduled (the contacts' times here are the real clock's): the tests that
    /// want them give them to the sweep (<see cref="FollowUpClock"/>), or run in <see cref="FollowUpQuietHoursTests"/>.
    /// </summary>
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["FollowUps:QuietHoursStart"] = "00:00",
        ["FollowUps:QuietHoursEnd"] = "00:00",
    };

    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<FollowUpStatusReactions>(provider, (TimeProvider)statusClock));

    /// <summary>The sweep is the whole cluster's: what a test leaves upcoming must not go out in the next test's sweeps.</summary>
    [TearDown]
    public Task CancelLeftoversAsync() =>
        Db.ExecuteAsync(ConnectionString, "UPDATE whatsapp_followup_reminders SET status = 'cancelled' WHERE status IN ('pending', 'paused')");

    [Test]
    public async Task A_silent_lead_gets_exactly_one_24h_nudge_and_one_48h_nudge_the_second_as_the_template()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h), FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true));

        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(22)), Is.Zero, "not yet");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(1)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(2)), Is.Zero, "once");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(30)), Is.Zero, "the nudge does not anchor the next one");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(48).AddMinutes(1)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(72)), Is.Zero);

        var sent = SentTo(lead);
        Assert.That(sent, Has.Count.EqualTo(3), "the AI's answer and two nudges");
        Assert.Multiple(() =>
        {
            Assert.That(sent[1].Body, Does.StartWith("Ciao"), "free text in the contact's language inside the window");
            Assert.That(sent[1].ContentSid, Is.Null);
            Assert.That(sent[2].ContentSid, Is.EqualTo(FollowUpClock.TemplateSid), "outside the window: the template");
        });
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_24h:sent", "lead_48h:sent" }));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND origin = 'followup'", ("p", lead)), Is.EqualTo(2));
    }

    [Test]
    public async Task Writing_back_after_the_first_nudge_cancels_the_second_counts_as_its_reply_and_engages_the_lead()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h), FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(1)), Is.EqualTo(1));

        await SendAsync(tenant, lead, "Sì, scusa, quanto costa la consulenza?");
        await WaitForRepliesAsync(lead, 3);
        await WaitUntilSettledAsync(tenant, lead);

        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(48)), Is.Zero);
        Assert.That(SentTo(lead), Has.Count.EqualTo(3), "no second nudge");
        var firstAnchor = await RowsAsync(tenant, lead, $"anchor_at = '{anchor:O}'::timestamptz");
        Assert.That(firstAnchor, Is.EqualTo(new[] { "lead_24h:sent:True" }), "the reply is the nudge's");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND rule = 'lead_48h' AND status = 'pending' AND anchor_at > @a",
            ("p", lead), ("a", anchor.UtcDateTime)), Is.EqualTo(1), "the second moved onto the new message, not cancelled");
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'cancelled'", ("p", lead)), Is.Zero);
        Assert.That(await CountAsync("SELECT count(*) FROM lead_stage_events WHERE contact_phone = @p AND stage = 'engaged'", ("p", lead)), Is.EqualTo(1));
        var rates = await Service.ReplyRatesAsync(tenant.Consultant.Id, new Grains.Common.TimeRange(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Assert.That(rates.Single(r => r.Rule == FollowUpRuleKeys.Lead24h), Is.EqualTo(new FollowUpReplyRate(FollowUpRuleKeys.Lead24h, 1, 1, 1.0)));
    }

    [Test]
    public async Task A_lead_who_answers_a_nudge_becomes_engaged_in_the_funnel_even_when_the_nudge_is_all_of_ours_that_reached_them()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h));
        // The AI's answer never arrived: the nudge is the only message of ours the lead got.
        await Db.ExecuteAsync(ConnectionString, $"UPDATE messages SET status = 'undelivered' WHERE contact_phone = '{lead}' AND direction = 'outbound'");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(1)), Is.EqualTo(1));
        var report = Host.Services.GetRequiredService<LeadFunnelReport>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = AnalyticsPeriod.Of(today.AddDays(-1), today.AddDays(1)).Value!;
        Assert.That(Reached(await report.GetAsync(tenant.Consultant.Id, days), LeadStage.Engaged), Is.Zero, "not before answering");

        await SendAsync(tenant, lead, "Sì, scusa, ci sono ancora: quanto costa?");
        await WaitForRepliesAsync(lead, 3);
        await WaitUntilSettledAsync(tenant, lead);

        var funnel = await report.GetAsync(tenant.Consultant.Id, days);
        Assert.That((Reached(funnel, LeadStage.New), Reached(funnel, LeadStage.Engaged)), Is.EqualTo((1, 1)), "the Analytics page's funnel counts them engaged");
        var engaged = (await Host.Services.GetRequiredService<LeadStageEvents>().ListAsync(tenant.Consultant.Id, lead)).Single(e => e.Stage == LeadStage.Engaged);
        var nudge = await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT m.created_at FROM whatsapp_followup_reminders f JOIN messages m ON m.id = f.message_id WHERE f.contact_phone = @p AND f.received_reply",
            ("p", lead));
        Assert.That(engaged.At, Is.GreaterThan(new DateTimeOffset(nudge, TimeSpan.Zero)), "engaged by the answer to the nudge");
    }

    private static int Reached(LeadFunnelFigures funnel, string stage) => funnel.Stages.Single(s => s.Stage == stage).Count;

    [Test]
    public async Task Outside_the_window_without_a_template_a_follow_up_is_skipped_with_the_reason()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead48h));

        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(48).AddMinutes(1)), Is.Zero);

        Assert.That(SentTo(lead), Has.Count.EqualTo(1), "only the AI's answer");
        Assert.That(await CountAsync(
            "SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'skipped' AND reason = @r",
            ("p", lead), ("r", FollowUpReasons.WindowClosedNoTemplate)), Is.EqualTo(1));
        var page = await Service.ListAsync(tenant.Consultant.Id, "history");
        Assert.That(page.Value!.Items.Single().Reason, Is.EqualTo(FollowUpReasons.WindowClosedNoTemplate));
    }

    [Test]
    public async Task Quiet_hours_in_the_contacts_zone_move_a_follow_up_to_their_end()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h, template: true));
        await Host.Services.GetRequiredService<ContactTimeZones>().SetAsync(tenant.Consultant.Id, lead, "Europe/Rome");
        var night = FirstRomeTimeAfter(anchor.AddHours(23), 22); // 22:00 in Rome, after it is due

        Assert.That(await FollowUpClock.SweepAtAsync(Host, night, "21:00", "09:00"), Is.Zero);
        var moved = await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT scheduled_for FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead));
        Assert.That(BookingClock.InRome(new DateTimeOffset(moved, TimeSpan.Zero)), Does.EndWith("09:00"));
        Assert.That(SentTo(lead), Has.Count.EqualTo(1), "not at night");

        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(moved, TimeSpan.Zero).AddMinutes(1), "21:00", "09:00"), Is.EqualTo(1));
        Assert.That(SentTo(lead), Has.Count.EqualTo(2));
        Assert.That(SentTo(lead)[^1].ContentSid, Is.EqualTo(FollowUpClock.TemplateSid), "the window closed during the night: the template, at the shifted time");
    }

    [Test]
    public async Task Stop_cancels_every_follow_up_of_the_contact()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h), FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true));
        await SendAsync(tenant, lead, "STOP");
        await WaitForRepliesAsync(lead, 2); // the opt-out's confirmation
        await WaitUntilSettledAsync(tenant, lead);

        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(72)), Is.Zero);
        Assert.That(SentTo(lead), Has.Count.EqualTo(2));
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status IN ('pending', 'paused')",
            ("p", lead)), Is.Zero);
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND reason = @r",
            ("p", lead), ("r", FollowUpReasons.OptedOut)), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_131050_status_callback_stops_template_follow_ups_to_that_contact()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true), FollowUpClock.On(FollowUpRuleKeys.Client7d, template: true));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(48).AddMinutes(1)), Is.EqualTo(1));
        var nudge = SentTo(lead)[^1];
        var refusedAt = anchor.AddHours(48).AddMinutes(2);
        statusClock.AdjustTime(refusedAt);
        Assert.That((await StatusCallbackAsync(tenant, nudge.Sid, "failed", errorCode: "131050")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'failed' AND reason = @r",
            ("p", lead), ("r", FollowUpReasons.StoppedMarketing)), n => n == 1, TimeSpan.FromSeconds(30), "the follow-up marked failed");
        var failedAt = await Db.ScalarAsync<DateTime>(ConnectionString, "SELECT updated_at FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'failed'", ("p", lead));
        Assert.That(new DateTimeOffset(failedAt, TimeSpan.Zero), Is.EqualTo(refusedAt).Within(TimeSpan.FromMilliseconds(1)), "by the follow-ups' clock");

        await SendAsync(tenant, lead, "ok ciao");
        await WaitForRepliesAsync(lead, 3);
        await WaitUntilSettledAsync(tenant, lead);
        var second = await LastAnchorAsync(lead);
        Assert.That(await FollowUpClock.SweepAtAsync(Host, second.AddHours(48).AddMinutes(1)), Is.Zero);

        Assert.That(SentTo(lead), Has.Count.EqualTo(3), "no template to a contact who stopped marketing");
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'skipped' AND reason = @r",
            ("p", lead), ("r", FollowUpReasons.StoppedMarketing)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_follow_up_claimed_by_a_silo_that_stopped_before_sending_goes_exactly_once_after_restart()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>(HostSettings) { ["WhatsApp:DebounceSeconds"] = DebounceSeconds, ["Ai:Endpoint"] = Ai.Endpoint.ToString() };
        WhatsAppTenant tenant;
        string lead;
        DateTimeOffset anchor;
        await using (var first = new SiloHost(connectionString, Twilio.BaseUrl, "followup-restart", settings: settings))
        {
            first.StartServer();
            await first.Services.GetRequiredService<Grains.Ai.AiKeyPool>().AddAsync("test", "pool-key-restart");
            (tenant, lead, anchor) = await AnsweredLeadAsync(first, connectionString, FollowUpClock.On(FollowUpRuleKeys.Lead24h));
            // Due, and claimed by this silo's sweep, which stops before it sends.
            var claimed = await first.Services.GetRequiredService<FollowUpSchedule>().ClaimDueAsync(anchor.AddHours(23).AddMinutes(1), 10);
            Assert.That(claimed, Has.Count.EqualTo(1));
        }

        await using var second = new SiloHost(connectionString, Twilio.BaseUrl, "followup-restart", settings: settings);
        second.StartServer();
        Assert.That(await FollowUpClock.SweepAtAsync(second, anchor.AddHours(23).AddMinutes(2)), Is.Zero, "the dead sweep's claim holds until its lease ends");
        Assert.That(await FollowUpClock.SweepAtAsync(second, anchor.AddHours(23).AddMinutes(10)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(second, anchor.AddHours(23).AddMinutes(20)), Is.Zero);
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "the AI's answer and the nudge, once");
        tenant.Dispose();
    }

    [Test]
    public async Task A_reminder_after_a_reschedule_carries_the_new_time_and_a_cancelled_bookings_reminder_does_not_go_out()
    {
        var (tenant, lead, _) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Before24h, template: true,
            variables: new Dictionary<string, string> { ["1"] = "{date}", ["2"] = "{time}" }));
        await Host.Services.GetRequiredService<ContactTimeZones>().SetAsync(tenant.Consultant.Id, lead, "UTC");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var http = tenant.Consultant.Http;
        var booked = await http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var told = SentTo(lead).Count; // the booking's confirmation
        await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 11, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "before_24h:pending" }));

        var moved = await http.PostAsJsonAsync($"/api/bookings/{bookingId}/reschedule", new { startsAt = "2030-12-04T09:00:00Z" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        told = await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n > told, TimeSpan.FromSeconds(30), "the move told");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 12, 2, 10, 1, 0, TimeSpan.Zero)), Is.Zero, "the old time");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 12, 3, 9, 1, 0, TimeSpan.Zero)), Is.EqualTo(1));
        var reminder = SentTo(lead)[^1];
        Assert.That(reminder.ContentSid, Is.EqualTo(FollowUpClock.TemplateSid));
        Assert.That(reminder.ContentVariables, Does.Contain("09:00").And.Contain("4"), "the new day and time");

        var second = await http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-10T10:00:00Z" });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 12, 5, 0, 0, 0, TimeSpan.Zero));
        await http.PostAsJsonAsync($"/api/bookings/{secondId}/cancel", new { reason = "ill" });
        var before = await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n >= told + 3, TimeSpan.FromSeconds(30), "booked and cancelled told");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 12, 9, 10, 1, 0, TimeSpan.Zero)), Is.Zero);
        Assert.That(SentTo(lead), Has.Count.EqualTo(before));
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE anchor = @b AND status = 'cancelled' AND reason = @r",
            ("b", secondId), ("r", FollowUpReasons.BookingCancelled)), Is.EqualTo(1));
    }

    [Test]
    public async Task Switching_booking_reminders_off_and_on_again_plans_the_upcoming_ones_again_once_and_not_those_already_due()
    {
        var rule = FollowUpClock.On(FollowUpRuleKeys.Before24h, template: true);
        var (tenant, lead, _) = await AnsweredLeadAsync(rule);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var http = tenant.Consultant.Http;
        var later = await http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Created), await later.Content.ReadAsStringAsync());
        var laterId = (await later.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sooner = await http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-11-21T12:00:00Z" });
        Assert.That(sooner.StatusCode, Is.EqualTo(HttpStatusCode.Created), await sooner.Content.ReadAsStringAsync());
        var soonerId = (await sooner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var sent = await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n >= 3, TimeSpan.FromSeconds(30), "the AI's answer and both bookings told");
        await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 11, 20, 0, 0, 0, TimeSpan.Zero));
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "before_24h:pending", "before_24h:pending" }));

        Assert.That((await Service.SaveRulesAsync(tenant.Consultant.Id, [rule with { Enabled = false }])).Succeeded);
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "before_24h:cancelled", "before_24h:cancelled" }));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 11, 21, 0, 0, 0, TimeSpan.Zero)), Is.Zero, "off: nothing goes");

        // On again after the sooner one's time (20 Nov 12:00) passed: the later one is planned again, the sooner one not sent late.
        Assert.That((await Service.SaveRulesAsync(tenant.Consultant.Id, [rule])).Succeeded);
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 11, 22, 0, 0, 0, TimeSpan.Zero)), Is.Zero);
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 11, 22, 0, 5, 0, TimeSpan.Zero)), Is.Zero, "a second sync adds nothing");
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE anchor = @b AND status = 'pending' AND reason IS NULL", ("b", laterId)),
            Is.EqualTo(1), "the later consultation's reminder planned again");
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE anchor = @b", ("b", laterId)), Is.EqualTo(1), "no duplicate");
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE anchor = @b AND status = 'cancelled' AND reason = @r",
            ("b", soonerId), ("r", FollowUpReasons.RuleOff)), Is.EqualTo(1), "its time passed while the rule was off");

        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 12, 2, 10, 1, 0, TimeSpan.Zero)), Is.EqualTo(1));
        Assert.That(SentTo(lead), Has.Count.EqualTo(sent + 1), "the later reminder once");
        Assert.That(SentTo(lead)[^1].ContentSid, Is.EqualTo(FollowUpClock.TemplateSid));
    }

    [Test]
    public async Task Switching_a_silence_rule_off_and_on_again_plans_the_answered_leads_nudge_once_from_their_last_message_and_it_goes_once()
    {
        var rule = FollowUpClock.On(FollowUpRuleKeys.Lead24h);
        var (tenant, lead, anchor) = await AnsweredLeadAsync(rule);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);

        Assert.That((await Service.SaveRulesAsync(tenant.Consultant.Id, [rule with { Enabled = false }])).Succeeded);
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_24h:cancelled" }), "off: its nudge cancelled");
        Assert.That((await Service.SaveRulesAsync(tenant.Consultant.Id, [rule])).Succeeded);
        Assert.That((await Service.SaveRulesAsync(tenant.Consultant.Id, [rule])).Succeeded, "switched on twice");

        var next = await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
        Assert.That((next?.Status, next?.Reason, next?.ScheduledFor), Is.EqualTo((FollowUpStatus.Pending, (string?)null, (DateTimeOffset?)anchor.AddHours(23))),
            "planned again, due 23 hours after the lead's last message");
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_24h:pending" }), "one nudge");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(22)), Is.Zero, "not yet");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(1)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(2)), Is.Zero, "once");
        Assert.That(SentTo(lead), Has.Count.EqualTo(2), "the AI's answer and the nudge");
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_24h:sent" }));
    }

    [Test]
    public async Task A_131049_or_63049_status_on_a_sent_follow_up_retries_it_later_with_a_growing_delay_and_sends_it_again()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(48).AddMinutes(1)), Is.EqualTo(1));

        var refusedAt = anchor.AddHours(48).AddMinutes(3); // the refusal arrives a little after the send, by the same clock
        statusClock.AdjustTime(refusedAt);
        var firstDue = await RefusedAsync(tenant, lead, "131049", retries: 1);
        Assert.That(firstDue, Is.EqualTo(refusedAt.AddHours(1)).Within(TimeSpan.FromMilliseconds(1)), "the first retry 1 h after the refusal");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, firstDue.AddMinutes(-5)), Is.Zero, "not before its time");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, firstDue.AddMinutes(1)), Is.EqualTo(1), "sent again");
        Assert.That(SentTo(lead), Has.Count.EqualTo(3));

        var refusedAgainAt = firstDue.AddMinutes(2);
        statusClock.AdjustTime(refusedAgainAt);
        var secondDue = await RefusedAsync(tenant, lead, "63049", retries: 2); // Twilio's code for the same limit
        Assert.That(secondDue, Is.EqualTo(refusedAgainAt.AddHours(4)).Within(TimeSpan.FromMilliseconds(1)), "the second 4 h after that refusal");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, secondDue.AddMinutes(1)), Is.EqualTo(1));
        Assert.That(SentTo(lead), Has.Count.EqualTo(4), "the AI's answer and the nudge three times");
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_48h:sent" }));
    }

    [Test]
    public async Task A_follow_up_of_a_conversation_with_the_ai_off_shows_paused_and_goes_once_the_ai_is_on_again()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h));
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var off = await tenant.Consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/ai-toggle", new { aiEnabled = false });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK), await off.Content.ReadAsStringAsync());

        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(1)), Is.Zero, "not while the AI is off");
        Assert.That(SentTo(lead), Has.Count.EqualTo(1));
        var next = await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
        Assert.That((next?.Status, next?.Reason), Is.EqualTo((FollowUpStatus.Paused, FollowUpReasons.AiOff)), "shows paused");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(5)), Is.Zero, "still not");

        var on = await tenant.Consultant.Http.PatchAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/ai-toggle", new { aiEnabled = true });
        Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK), await on.Content.ReadAsStringAsync());
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(10)), Is.EqualTo(1), "resumed");
        Assert.That(SentTo(lead), Has.Count.EqualTo(2));
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_24h:sent" }));
    }

    [Test]
    public async Task A_lead_who_waits_for_the_consultant_gets_no_silence_nudge_until_they_answer_then_one_planned_from_that_answer()
    {
        var (tenant, lead, first) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h));
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        Ai.FailWhen(r => r.AllText.Contains("una persona vera", StringComparison.Ordinal), 500);
        await SendAsync(tenant, lead, "Posso parlare con una persona vera?");
        var waiting = await WaitUntilSettledAsync(tenant, lead, s => s.NeedsReply);
        Assert.That(waiting.NeedsReply, Is.True, "the AI could not answer: the consultant must");
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND anchor_at > @first",
            ("p", lead), ("first", first.UtcDateTime)), n => n == 1, TimeSpan.FromSeconds(30), "the nudge moved onto the question");
        var asked = new DateTimeOffset(
            await Db.ScalarAsync<DateTime>(ConnectionString, "SELECT max(anchor_at) FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead)),
            TimeSpan.Zero);

        Assert.That(await FollowUpClock.SweepAtAsync(Host, asked.AddHours(23).AddMinutes(1)), Is.Zero, "not while the consultant's reply is owed");
        var held = await Service.NextForConversationAsync(tenant.Consultant.Id, conversationId);
        Assert.That((held?.Status, held?.Reason), Is.EqualTo((FollowUpStatus.Paused, FollowUpReasons.NeedsReply)), "held, not lost, and saying why");
        Assert.That(SentTo(lead), Has.Count.EqualTo(1), "only the AI's first answer");

        var answer = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/send", new { messageText = "Sono il consulente, mi dica pure." });
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var planned = await Poll.UntilAsync(() => Service.NextForConversationAsync(tenant.Consultant.Id, conversationId),
            f => f?.Status == FollowUpStatus.Pending, TimeSpan.FromSeconds(30), "the nudge planned again");
        var answeredAt = new DateTimeOffset(
            await Db.ScalarAsync<DateTime>(ConnectionString, "SELECT max(created_at) FROM messages WHERE contact_phone = @p AND direction = 'outbound'", ("p", lead)),
            TimeSpan.Zero);
        Assert.That(planned!.ScheduledFor, Is.EqualTo(answeredAt.AddHours(23)).Within(TimeSpan.FromSeconds(1)), "from the consultant's answer");
        Assert.That(planned.Reason, Is.Null);

        Assert.That(await FollowUpClock.SweepAtAsync(Host, answeredAt.AddHours(22)), Is.Zero, "not yet");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, answeredAt.AddHours(23).AddMinutes(1)), Is.EqualTo(1));
        Assert.That(SentTo(lead), Has.Count.EqualTo(3), "the AI's answer, the consultant's and the nudge");
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "lead_24h:sent" }));
    }

    [Test]
    public async Task After_consultation_goes_24_hours_after_a_completed_consultation_with_its_text()
    {
        var (tenant, lead, _) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.AfterConsultation));
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var told = await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n >= 2, TimeSpan.FromSeconds(30), "the booking told");
        // Held yesterday and done: it ended 22 hours ago, so the follow-up is due in 2 hours, inside the 24-hour window.
        var lastInbound = new DateTimeOffset(await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT last_inbound_at FROM conversations WHERE contact_phone = @p", ("p", lead)), TimeSpan.Zero);
        var endedAt = lastInbound.AddHours(-22);
        await Db.ScalarAsync<object>(ConnectionString,
            "UPDATE consultations SET status = 'completed', scheduled_at = @s::timestamptz - make_interval(mins => duration_minutes) WHERE id = @id",
            ("s", endedAt.UtcDateTime), ("id", bookingId));

        Assert.That(await FollowUpClock.SweepAtAsync(Host, lastInbound.AddHours(1)), Is.Zero, "not yet");
        var due = new DateTimeOffset(await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT scheduled_for FROM whatsapp_followup_reminders WHERE anchor = @b AND rule = 'after_consultation'", ("b", bookingId)), TimeSpan.Zero);
        Assert.That(due, Is.EqualTo(endedAt.AddHours(24)).Within(TimeSpan.FromSeconds(1)), "24 h after it ended");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, due.AddMinutes(1)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, due.AddMinutes(2)), Is.Zero, "once");

        Assert.That(SentTo(lead), Has.Count.EqualTo(told + 1));
        Assert.That(SentTo(lead)[^1].Body, Does.Contain("spero che la consulenza sia stata utile"));
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "after_consultation:sent" }));
    }

    [Test]
    public async Task A_lead_who_books_has_their_nudges_cancelled_at_the_moment_of_booking()
    {
        var (tenant, lead, _) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h), FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true));
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());

        // No sweep ran: the booking itself cancelled them.
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'cancelled' AND reason = @r",
            ("p", lead), ("r", FollowUpReasons.LeadBooked)), Is.EqualTo(2));
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status IN ('pending', 'paused')",
            ("p", lead)), Is.Zero);
    }

    [Test]
    public async Task A_lead_who_keeps_writing_has_their_upcoming_nudges_moved_in_place_and_no_history_rows()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h), FollowUpClock.On(FollowUpRuleKeys.Lead48h, template: true));
        var rows = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT string_agg(id::text, ',' ORDER BY rule) FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead));
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(tenant, lead, $"Ancora una domanda ({i}): quanto dura il programma?");
            await WaitForRepliesAsync(lead, i + 1);
            await WaitUntilSettledAsync(tenant, lead);
        }

        var last = new DateTimeOffset(await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT max(created_at) FROM messages WHERE contact_phone = @p AND direction = 'inbound'", ("p", lead)), TimeSpan.Zero);
        Assert.That(last, Is.GreaterThan(anchor.AddSeconds(1)));
        Assert.That(await Db.ScalarAsync<string>(ConnectionString,
            "SELECT string_agg(id::text, ',' ORDER BY rule) FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead)),
            Is.EqualTo(rows), "the same two rows, no new ones");
        Assert.That(await CountAsync(
            """
            SELECT count(*) FROM whatsapp_followup_reminders
             WHERE contact_phone = @p AND status = 'pending' AND anchor_at = @last
               AND scheduled_for = @last + CASE rule WHEN 'lead_24h' THEN interval '23 hours' ELSE interval '48 hours' END
            """, ("p", lead), ("last", last.UtcDateTime)), Is.EqualTo(2), "moved onto the last message");
        var history = await Service.ListAsync(tenant.Consultant.Id, "history");
        Assert.That(history.Value!.Items, Is.Empty, "writing is not an outcome");

        Assert.That(await FollowUpClock.SweepAtAsync(Host, last.AddHours(23).AddSeconds(-1)), Is.Zero, "not at the old time");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, last.AddHours(23).AddMinutes(1)), Is.EqualTo(1));
        Assert.That(SentTo(lead), Has.Count.EqualTo(5), "four answers and one nudge");
    }

    [Test]
    public async Task A_nudge_a_sweep_holds_when_the_contact_writes_is_not_sent_and_the_new_silence_gets_exactly_one()
    {
        var (tenant, lead, anchor) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.Lead24h));
        // A sweep claims it and is slow (or dies) before sending; meanwhile the contact writes and the AI answers.
        var claimed = await Host.Services.GetRequiredService<FollowUpSchedule>().ClaimDueAsync(anchor.AddHours(23).AddMinutes(1), 10);
        Assert.That(claimed.Count(c => c.ContactPhone == lead), Is.EqualTo(1));
        await SendAsync(tenant, lead, "Scusa, ero via. Quanto costa?");
        await WaitForRepliesAsync(lead, 2);
        await WaitUntilSettledAsync(tenant, lead);
        var second = await LastAnchorAsync(lead, pending: 2); // the held one is the sweep's; the new silence has its own
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'pending'", ("p", lead)),
            Is.EqualTo(2), "the held one is the sweep's; the new silence has its own");

        // The held claim's lease ends: the next sweep finds the contact wrote, and the new silence's nudge goes instead.
        Assert.That(await FollowUpClock.SweepAtAsync(Host, anchor.AddHours(23).AddMinutes(10)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, second.AddHours(23).AddMinutes(20)), Is.Zero, "once");

        Assert.That(SentTo(lead), Has.Count.EqualTo(3), "two answers and one nudge");
        Assert.That(await RowsAsync(tenant, lead, "true"), Is.EqualTo(new[] { "lead_24h:cancelled:False", "lead_24h:sent:False" }));
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'sent' AND anchor_at = @a",
            ("p", lead), ("a", second.UtcDateTime)), Is.EqualTo(1), "the nudge of the new silence");
    }

    [Test]
    public async Task A_booked_consultation_nobody_marks_done_counts_as_completed_once_it_ended_and_gets_one_after_consultation_follow_up_24_hours_later()
    {
        var (tenant, lead, _) = await AnsweredLeadAsync(FollowUpClock.On(FollowUpRuleKeys.AfterConsultation, template: true));
        await Host.Services.GetRequiredService<ContactTimeZones>().SetAsync(tenant.Consultant.Id, lead, "UTC");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var told = await Poll.UntilAsync(() => Task.FromResult(SentTo(lead).Count), n => n >= 2, TimeSpan.FromSeconds(30), "the booking told");
        var endsAt = new DateTimeOffset(await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT scheduled_at + make_interval(mins => duration_minutes) FROM consultations WHERE id = @id", ("id", bookingId)), TimeSpan.Zero);

        // Nobody marks it done: time passes.
        Assert.That(await FollowUpClock.SweepAtAsync(Host, new DateTimeOffset(2030, 12, 1, 0, 0, 0, TimeSpan.Zero)), Is.Zero);
        Assert.That(await FollowUpClock.SweepAtAsync(Host, endsAt.AddMinutes(-1)), Is.Zero, "not while it runs");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, endsAt.AddHours(24).AddMinutes(-1)), Is.Zero, "not before 24 h after its end");
        Assert.That(await FollowUpClock.SweepAtAsync(Host, endsAt.AddHours(24).AddMinutes(1)), Is.EqualTo(1));
        Assert.That(await FollowUpClock.SweepAtAsync(Host, endsAt.AddHours(25)), Is.Zero, "once");

        Assert.That(SentTo(lead), Has.Count.EqualTo(told + 1));
        Assert.That(SentTo(lead)[^1].ContentSid, Is.EqualTo(FollowUpClock.TemplateSid), "outside the window: the template");
        Assert.That(await StatusesAsync(tenant, lead), Is.EqualTo(new[] { "after_consultation:sent" }));
    }

    /// <summary>WhatsApp refused the follow-up's last send with <paramref name="code"/>: returns when it is due again.</summary>
    private async Task<DateTimeOffset> RefusedAsync(WhatsAppTenant tenant, string lead, string code, int retries)
    {
        Assert.That((await StatusCallbackAsync(tenant, SentTo(lead)[^1].Sid, "failed", errorCode: code)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'pending' AND retries = @r AND reason = @reason",
            ("p", lead), ("r", retries), ("reason", FollowUpReasons.MarketingLimit)), n => n == 1, TimeSpan.FromSeconds(30), $"waiting again after {code}");
        var due = await Db.ScalarAsync<DateTime>(ConnectionString, "SELECT scheduled_for FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead));
        return new DateTimeOffset(due, TimeSpan.Zero);
    }

    private FollowUpService Service => Host.Services.GetRequiredService<FollowUpService>();

    /// <summary>A lead wrote and the AI answered, with these rules on: returns the time of the lead's message (the anchor).</summary>
    private Task<(WhatsAppTenant Tenant, string Lead, DateTimeOffset Anchor)> AnsweredLeadAsync(params FollowUpRule[] rules) =>
        AnsweredLeadAsync(Host, ConnectionString, rules);

    private async Task<(WhatsAppTenant Tenant, string Lead, DateTimeOffset Anchor)> AnsweredLeadAsync(
        SiloHost host, string connectionString, params FollowUpRule[] rules)
    {
        if (host == Host)
        {
            await AddPoolKeyAsync("pool-key-followups");
        }

        var tenant = await NewTenantAsync(host: host);
        var saved = await host.Services.GetRequiredService<FollowUpService>().SaveRulesAsync(tenant.Consultant.Id, rules);
        Assert.That(saved.Succeeded, saved.Errors.ToString());
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "Ciao, vorrei sapere qualcosa sui vostri programmi di allenamento", host: host);
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead, connectionString: connectionString);
        var silence = rules.Any(rule => FollowUpRuleKeys.Silence.Contains(rule.Key));
        if (!silence)
        {
            return (tenant, lead, DateTimeOffset.UtcNow);
        }

        await Poll.UntilAsync(() => Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead)),
            n => n > 0, TimeSpan.FromSeconds(30), "the nudges anchored");
        var anchor = await Db.ScalarAsync<DateTime>(connectionString, "SELECT min(anchor_at) FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead));
        return (tenant, lead, new DateTimeOffset(anchor, TimeSpan.Zero));
    }

    /// <param name="pending">How many pending nudges there are once the new ones are planned (the hook plans them just after the reply).</param>
    private async Task<DateTimeOffset> LastAnchorAsync(string lead, int pending = 1)
    {
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM whatsapp_followup_reminders WHERE contact_phone = @p AND status = 'pending'", ("p", lead)),
            n => n >= pending, TimeSpan.FromSeconds(30), "new nudges anchored");
        var at = await Db.ScalarAsync<DateTime>(ConnectionString,
            "SELECT max(anchor_at) FROM whatsapp_followup_reminders WHERE contact_phone = @p", ("p", lead));
        return new DateTimeOffset(at, TimeSpan.Zero);
    }

    private async Task<IReadOnlyList<string>> StatusesAsync(WhatsAppTenant tenant, string lead)
    {
        var page = await Service.ListAsync(tenant.Consultant.Id, null);
        return page.Value!.Items.Where(f => f.ContactPhone == lead).Select(f => $"{f.Rule}:{f.Status}").Order().ToList();
    }

    private async Task<IReadOnlyList<string>> RowsAsync(WhatsAppTenant tenant, string lead, string where)
    {
        var page = await Service.ListAsync(tenant.Consultant.Id, null);
        var ids = new List<string>();
        foreach (var f in page.Value!.Items.Where(f => f.ContactPhone == lead))
        {
            if (await CountAsync($"SELECT count(*) FROM whatsapp_followup_reminders WHERE id = @id AND {where}", ("id", f.Id)) == 1)
            {
                ids.Add($"{f.Rule}:{f.Status}:{f.ReceivedReply}");
            }
        }

        return ids.Order().ToList();
    }

    private static DateTimeOffset FirstRomeTimeAfter(DateTimeOffset after, int hour)
    {
        var rome = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Rome"];
        var local = NodaTime.Instant.FromDateTimeOffset(after).InZone(rome).Date;
        for (var day = local; ; day = day.PlusDays(1))
        {
            var candidate = day.At(new NodaTime.LocalTime(hour, 0)).InZoneLeniently(rome).ToDateTimeOffset();
            if (candidate > after)
            {
                return candidate;
            }
        }
    }
}
