using System.Net.Http.Json;
using Consultant.Grains.Accounts;
using Consultant.Grains.Ai;
using Consultant.Grains.Analytics;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>
/// Daily statistics: one row per local day in the consultant's zone (Europe/Rome unless they chose another), from the
/// messages table and the ledger of AI calls; closed days stored by the same query that computes today.
/// </summary>
public sealed class DailyStatsTests : HostFixture
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    private static AnalyticsPeriod Days(int month, int fromDay, int toMonth, int toDay) =>
        AnalyticsPeriod.Of(new DateOnly(2026, month, fromDay), new DateOnly(2026, toMonth, toDay)).Value!;

    [Test]
    public async Task Messages_around_local_midnight_land_on_the_day_they_were_written_in_the_consultants_zone()
    {
        using var rome = await Host.RegisterConsultantAsync();
        using var utc = await Host.RegisterConsultantAsync();
        (await utc.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "UTC" })).EnsureSuccessStatusCode();
        foreach (var consultant in new[] { rome, utc })
        {
            var rows = new LedgerRows(Host.ConnectionString, consultant.Id);
            await rows.InboundAsync("+393470002001", Utc(3, 1, 22, 59, 59)); // 23:59:59 in Rome, 1 March
            await rows.InboundAsync("+393470002001", Utc(3, 1, 23, 0, 0));   // 00:00:00 in Rome, 2 March
            await rows.AiCallAsync("+393470002001", Utc(3, 1, 23, 30), 100, 20);
        }

        var period = Days(3, 1, 3, 2);
        var inRome = await ServiceAt(Utc(3, 10, 12)).GetAsync(rome.Id, period);
        var inUtc = await ServiceAt(Utc(3, 10, 12)).GetAsync(utc.Id, period);

        Assert.Multiple(() =>
        {
            Assert.That(inRome.TimeZone, Is.EqualTo("Europe/Rome"));
            Assert.That(inRome.Days.Select(d => (d.Date.Day, d.Inbound, d.UniqueContacts, d.AiCalls, d.AiTokensIn)),
                Is.EqualTo(new[] { (1, 1, 1, 0, 0L), (2, 1, 1, 1, 100L) }));
            Assert.That(inUtc.TimeZone, Is.EqualTo("UTC"));
            Assert.That(inUtc.Days.Select(d => (d.Date.Day, d.Inbound, d.AiCalls)), Is.EqualTo(new[] { (1, 2, 1), (2, 0, 0) }));
        });
    }

    [Test]
    public async Task A_summer_time_day_has_23_hours_an_autumn_day_25_and_the_days_add_up()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);
        for (var at = Utc(3, 28, 22); at <= Utc(3, 29, 23); at = at.AddHours(1))
        {
            await rows.InboundAsync("+393470002002", at); // one message an hour, 26 in all
        }

        for (var at = Utc(10, 24, 21); at <= Utc(10, 25, 23); at = at.AddHours(1))
        {
            await rows.InboundAsync("+393470002002", at); // 27 in all
        }

        var service = ServiceAt(Utc(11, 1, 12));
        var spring = await service.GetAsync(consultant.Id, Days(3, 28, 3, 30));
        var autumn = await service.GetAsync(consultant.Id, Days(10, 24, 10, 26));

        Assert.Multiple(() =>
        {
            Assert.That(spring.Days.Select(d => d.Inbound), Is.EqualTo(new[] { 1, 23, 2 }), "29 March 2026 has 23 hours in Rome");
            Assert.That(spring.Days.Sum(d => d.Total), Is.EqualTo(26));
            Assert.That(autumn.Days.Select(d => d.Inbound), Is.EqualTo(new[] { 1, 25, 1 }), "25 October 2026 has 25 hours in Rome");
            Assert.That(autumn.Days.Sum(d => d.Total), Is.EqualTo(27));
        });
    }

    [Test]
    public async Task Ai_and_consultant_response_times_are_counted_apart()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);

        // The AI answers three batches: 5, 3 and 10 seconds from each batch's last message to the reply being sent.
        const string answeredByAi = "+393470002003";
        await rows.AnsweredByAiAsync(answeredByAi, Utc(4, 14, 8, 0, 8), Utc(4, 14, 8, 0, 0), Utc(4, 14, 8, 0, 3));
        await rows.AnsweredByAiAsync(answeredByAi, Utc(4, 14, 9, 0, 3), Utc(4, 14, 9, 0, 0));
        await rows.AnsweredByAiAsync(answeredByAi, Utc(4, 14, 10, 0, 10), Utc(4, 14, 10, 0, 0));
        await rows.OutboundAsync(answeredByAi, "consultant", Utc(4, 14, 10, 5)); // nothing was waiting for them: no response time

        // AI off: two messages wait for the consultant, who answers 30 minutes after the first, then writes again.
        const string aiOff = "+393470002004";
        await rows.InboundAsync(aiOff, Utc(4, 14, 8, 0));
        await rows.InboundAsync(aiOff, Utc(4, 14, 8, 5));
        await rows.OutboundAsync(aiOff, "consultant", Utc(4, 14, 8, 30));
        await rows.OutboundAsync(aiOff, "consultant", Utc(4, 14, 8, 31));

        // Taken over: the AI's reply was cancelled, the consultant answers a minute later.
        const string takenOver = "+393470002005";
        var batch = Guid.NewGuid();
        await rows.InboundAsync(takenOver, Utc(4, 14, 11, 0), batchId: batch);
        await rows.OutboundAsync(takenOver, "ai", Utc(4, 14, 11, 0, 2), status: "cancelled", replyToBatchId: batch);
        await rows.OutboundAsync(takenOver, "consultant", Utc(4, 14, 11, 1));

        var day = (await ServiceAt(Utc(4, 20, 12)).GetAsync(consultant.Id, Days(4, 14, 4, 14))).Days.Single();

        Assert.Multiple(() =>
        {
            Assert.That(day.AiResponseSeconds, Is.EqualTo(new ResponseSeconds(3, 6.0, 5.0, 9.0)), "p90 of 3, 5, 10 interpolated: 9");
            Assert.That(day.ConsultantResponseSeconds, Is.EqualTo(new ResponseSeconds(2, 930.0, 930.0, 1626.0)), "1,800 and 60 seconds");
            Assert.That((day.AiReplies, day.ConsultantReplies, day.Outbound, day.Inbound), Is.EqualTo((3, 4, 7, 7)), "the cancelled reply is not sent");
            Assert.That(day.EstimatedCost, Is.Null, "no price configured");
        });
    }

    [Test]
    public async Task Every_field_counts_its_own_and_another_consultants_data_and_the_simulator_never_appear()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        foreach (var (id, phone) in new[] { (consultant.Id, "+393470002006"), (consultant.Id, "sim:+393470002007"), (other.Id, "+393470002006") })
        {
            var rows = new LedgerRows(Host.ConnectionString, id);
            await rows.ConversationAsync(phone, isLead: false, convertedAt: Utc(5, 5, 10));
            var photo = await rows.InboundAsync(phone, Utc(5, 5, 9));
            await rows.MediaAsync(photo, "image/jpeg", Utc(5, 5, 9));
            await rows.MediaAsync(photo, "application/pdf", Utc(5, 5, 9));
            var voice = await rows.InboundAsync(phone, Utc(5, 5, 9, 1));
            await rows.MediaAsync(voice, "audio/ogg", Utc(5, 5, 9, 1));
            await rows.OutboundAsync(phone, "followup", Utc(5, 5, 9, 30));
            await rows.OutboundAsync(phone, "broadcast", Utc(5, 5, 9, 40), status: "failed");
            await rows.OutboundAsync(phone, "system", Utc(5, 5, 9, 45));
            await rows.AiCallAsync(phone, Utc(5, 5, 9, 2), 1000, 200);
            await rows.AiCallAsync(phone, Utc(5, 5, 9, 3), 0, 0, outcome: "rate_limited");
        }

        var service = ServiceAt(Utc(5, 20, 12));
        var day = (await service.GetAsync(consultant.Id, Days(5, 5, 5, 5))).Days.Single();
        var withSimulator = (await service.GetAsync(consultant.Id, Days(5, 5, 5, 5), includeSimulator: true)).Days.Single();

        Assert.Multiple(() =>
        {
            Assert.That(day, Is.EqualTo(new DailyStats(new DateOnly(2026, 5, 5), 5, 2, 3, 0, 0, 2, 1, 1, 1,
                new ResponseSeconds(0, null, null, null), new ResponseSeconds(0, null, null, null), 1, 1, 1, 1, 2, 1000, 200, null)),
                "a converted lead who first wrote that day; one image, one PDF, one voice note; follow-up and broadcast automated, the broadcast failed");
            Assert.That((withSimulator.Total, withSimulator.UniqueContacts, withSimulator.NewLeads, withSimulator.Images, withSimulator.AiTokensIn),
                Is.EqualTo((10, 2, 2, 2, 2000L)), "the simulator's conversation only when asked for");
        });
    }

    [Test]
    public async Task A_closed_day_is_stored_from_the_same_query_and_recomputing_it_gives_the_same_row()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);
        await rows.ConversationAsync("+393470002008", isLead: true);
        await rows.AnsweredByAiAsync("+393470002008", Utc(6, 10, 8, 0, 7), Utc(6, 10, 8, 0, 0));
        await rows.InboundAsync("+393470002008", Utc(6, 11, 8, 0));
        await rows.AiCallAsync("+393470002008", Utc(6, 10, 8, 0, 5), 500, 50);

        var now = Utc(6, 12, 10); // 12 June in Rome: the 10th and 11th are closed, the 12th is today
        var period = Days(6, 10, 6, 12);
        var live = await ServiceAt(now).GetAsync(consultant.Id, period, includeSimulator: true); // never read from storage
        var closing = ClosingAt(now);

        Assert.That(await closing.RecomputeAsync(consultant.Id, period), Is.EqualTo(new Grains.Abstractions.DailyStatsClosed(1, 2)),
            "today is never stored");
        var first = await StoredRowsAsync(consultant.Id);
        Assert.That(await closing.RecomputeAsync(consultant.Id, period), Is.EqualTo(new Grains.Abstractions.DailyStatsClosed(1, 2)));
        Assert.That(await StoredRowsAsync(consultant.Id), Is.EqualTo(first), "the same rows again");
        Assert.That(first, Does.StartWith("2026-06-10|Europe/Rome|1|1|1|0|0|1|1|0|1|7|7|7|"));

        // Stored days and today's live row make the same report as computing everything live.
        Assert.That((await ServiceAt(now).GetAsync(consultant.Id, period)).Days, Is.EqualTo(live.Days));
        Assert.That(live.Days.Select(d => d.Total), Is.EqualTo(new[] { 2, 1, 0 }));
    }

    [Test]
    public async Task The_nightly_close_writes_each_ended_day_once_from_sign_up_and_its_reminder_is_registered()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var signedUp = await Db.ScalarAsync<DateTime>(Host.ConnectionString, "SELECT created_at FROM consultants WHERE id = @id", ("id", consultant.Id));
        var now = new DateTimeOffset(signedUp, TimeSpan.Zero).AddDays(3);
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);
        await rows.InboundAsync("+393470002009", now.AddDays(-2));

        await ClosingAt(now).CloseDueDaysAsync();
        var stored = await Db.ScalarAsync<string>(Host.ConnectionString,
            "SELECT string_agg(day::text || ':' || inbound, ' ' ORDER BY day) FROM whatsapp_daily_stats WHERE consultant_id = @id",
            ("id", consultant.Id));
        var days = Enumerable.Range(0, 3).Select(n => Rome(now.AddDays(n - 3))).ToList();
        Assert.That(stored, Is.EqualTo(string.Join(' ', days.Select(d => $"{d:yyyy-MM-dd}:{(d == Rome(now.AddDays(-2)) ? 1 : 0)}"))),
            "the sign-up day to yesterday in Rome");

        var again = await ClosingAt(now).CloseDueDaysAsync();
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM whatsapp_daily_stats WHERE consultant_id = @id",
            ("id", consultant.Id)), Is.EqualTo(3), $"nothing more to close ({again})");

        await Poll.UntilAsync(
            () => Db.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'close-days'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the close-days reminder");
    }

    private static DateOnly Rome(DateTimeOffset instant) =>
        NodaTime.Instant.FromDateTimeOffset(instant).InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Rome"]).Date.ToDateOnly();

    private Task<string?> StoredRowsAsync(Guid consultantId) => Db.ScalarAsync<string>(Host.ConnectionString,
        """
        SELECT string_agg(concat_ws('|', day, time_zone, inbound, outbound, ai_replies, consultant_replies, automated, unique_contacts,
                          new_leads, converted_leads, ai_response_count, ai_response_avg, ai_response_median, ai_response_p90,
                          consultant_response_count, coalesce(consultant_response_avg, -1), images, documents, audio, failed, ai_calls,
                          ai_tokens_in, ai_tokens_out), E'\n' ORDER BY day)
          FROM whatsapp_daily_stats WHERE consultant_id = @id
        """, ("id", consultantId));

    private AccountSettingsService SettingsAt(DateTimeOffset now) => new(
        Host.Services.GetRequiredService<AccountSettingsRepository>(), Options.Create(new ConsultantOptions()), [], new FakeTimeProvider(now));

    private DailyStatsService ServiceAt(DateTimeOffset now) => new(
        Host.Services.GetRequiredService<DailyStatsQuery>(), Host.Services.GetRequiredService<DailyStatsStore>(), SettingsAt(now),
        Host.Services.GetRequiredService<IOptionsMonitor<AiOptions>>());

    private DailyStatsClosing ClosingAt(DateTimeOffset now) => new(
        Host.Services.GetRequiredService<DailyStatsQuery>(), Host.Services.GetRequiredService<DailyStatsStore>(), SettingsAt(now),
        Host.Services.GetRequiredService<ConsultantAccountRepository>(), new FakeTimeProvider(now), NullLogger<DailyStatsClosing>.Instance);
}
