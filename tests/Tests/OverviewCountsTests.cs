using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Consultant.Tests;

/// <summary>"Today" and "this week" are the consultant's: in Europe/Rome a day and a week begin an hour before they do in UTC.</summary>
public sealed class OverviewCountsTests : HostFixture
{
    // Monday 2 March 2026, 08:00 UTC = 09:00 in Rome (UTC+1 until the end of March).
    private static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SundayLateUtc = new(2026, 3, 1, 23, 30, 0, TimeSpan.Zero); // Monday 00:30 in Rome
    private static readonly DateTimeOffset SundayEveningUtc = new(2026, 3, 1, 22, 30, 0, TimeSpan.Zero); // Sunday 23:30 in Rome

    [Test]
    public async Task A_message_at_23_30_utc_on_sunday_counts_as_monday_in_rome_for_today_this_week_and_the_linked_list()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var id = consultant.Id;
        await AddConversationAsync(id, "+393470000001", isLead: true, needsReply: true, unread: 2);
        await AddMessageAsync(id, "+393470000001", "inbound", "lead", "received", SundayLateUtc);
        await AddConversationAsync(id, "+393470000002", isLead: true, needsReply: false, unread: 0);
        await AddMessageAsync(id, "+393470000002", "inbound", "lead", "received", SundayEveningUtc);
        await AddMessageAsync(id, "+393470000002", "outbound", "ai", "failed", SundayEveningUtc.AddMinutes(1));
        await AddMessageAsync(id, "+393470000001", "outbound", "ai", "undelivered", SundayLateUtc.AddMinutes(1));

        var time = new FakeTimeProvider(MondayMorning);
        var settings = new AccountSettingsService(
            Host.Services.GetRequiredService<AccountSettingsRepository>(), Options.Create(new ConsultantOptions()), [], time);
        var calendar = await settings.GetCalendarAsync(id);
        var counts = await Host.Services.GetRequiredService<OverviewQueries>().CountAsync(id, calendar);

        Assert.Multiple(() =>
        {
            Assert.That(calendar.Today.Start, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero)));
            Assert.That(calendar.ThisWeek.Start, Is.EqualTo(calendar.Today.Start), "Monday: the week starts today");
            Assert.That(calendar.ThisWeek.End, Is.EqualTo(new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero)));
            Assert.That(counts.NewLeadsToday, Is.EqualTo(1), "the lead of 00:30 Rome time");
            Assert.That(counts.NewLeadsThisWeek, Is.EqualTo(1), "the lead of Sunday 23:30 Rome time wrote last week");
            Assert.That(counts.MessagesToday, Is.EqualTo(2));
            Assert.That(counts.ConversationsToday, Is.EqualTo(1));
            Assert.That(counts.FailedThisWeek, Is.EqualTo(1), "the failed send of Sunday evening was last week");
            Assert.That(counts.NeedsReply, Is.EqualTo(1));
            Assert.That(counts.Unread, Is.EqualTo(1));
        });

        // The number links to the list with the same condition.
        var conversations = Host.Services.GetRequiredService<ConversationService>();
        var newToday = await conversations.ListAsync(id, ConversationFilter.NewLeads, null, 1, 50, calendar.Today);
        Assert.That(newToday.Items.Select(i => i.Conversation.ContactPhone), Is.EqualTo(new[] { "+393470000001" }));
        var failedThisWeek = await conversations.ListAsync(id, ConversationFilter.Failed, null, 1, 50, calendar.ThisWeek);
        Assert.That(failedThisWeek.Items.Select(i => i.Conversation.ContactPhone), Is.EqualTo(new[] { "+393470000001" }));

        // Counted in UTC instead, the late message would still be Sunday: nothing today.
        var utc = settings.CalendarFor("UTC");
        var utcCounts = await Host.Services.GetRequiredService<OverviewQueries>().CountAsync(id, utc);
        Assert.That((utcCounts.NewLeadsToday, utcCounts.MessagesToday), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task On_sunday_evening_in_rome_the_week_still_began_last_monday_and_another_consultant_counts_nothing()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        await AddConversationAsync(consultant.Id, "+393470000003", isLead: true, needsReply: true, unread: 1);
        await AddMessageAsync(consultant.Id, "+393470000003", "inbound", "lead", "received", new DateTimeOffset(2026, 2, 23, 0, 15, 0, TimeSpan.Zero));

        var time = new FakeTimeProvider(SundayEveningUtc); // Sunday 1 March, 23:30 in Rome
        var settings = new AccountSettingsService(
            Host.Services.GetRequiredService<AccountSettingsRepository>(), Options.Create(new ConsultantOptions()), [], time);
        var calendar = await settings.GetCalendarAsync(consultant.Id);
        var overview = Host.Services.GetRequiredService<OverviewQueries>();

        Assert.That(calendar.ThisWeek.Start, Is.EqualTo(new DateTimeOffset(2026, 2, 22, 23, 0, 0, TimeSpan.Zero)), "Monday 23 February, 00:00 in Rome");
        Assert.That((await overview.CountAsync(consultant.Id, calendar)).NewLeadsThisWeek, Is.EqualTo(1));
        Assert.That(await overview.CountAsync(other.Id, calendar), Is.EqualTo(new OverviewCounts(0, 0, 0, 0, 0, 0, 0)));
    }

    [Test]
    public async Task The_overview_counts_simulator_leads_like_the_list_and_says_how_many_are_the_simulators()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        await AddConversationAsync(consultant.Id, "+393470000005", isLead: true, needsReply: true, unread: 1);
        await AddMessageAsync(consultant.Id, "+393470000005", "inbound", "lead", "received", MondayMorning.AddMinutes(-30));
        await AddConversationAsync(consultant.Id, "sim:+393470000006", isLead: true, needsReply: true, unread: 1);
        await AddMessageAsync(consultant.Id, "sim:+393470000006", "inbound", "lead", "received", MondayMorning.AddMinutes(-20));

        var settings = new AccountSettingsService(
            Host.Services.GetRequiredService<AccountSettingsRepository>(), Options.Create(new ConsultantOptions()), [], new FakeTimeProvider(MondayMorning));
        var counts = await Host.Services.GetRequiredService<OverviewQueries>().CountAsync(consultant.Id, await settings.GetCalendarAsync(consultant.Id));
        Assert.That((counts.NewLeadsToday, counts.NewLeadsThisWeek, counts.SimulatorNewLeadsThisWeek), Is.EqualTo((2, 2, 1)));
    }

    [Test]
    public async Task The_api_gives_the_overview_and_the_same_filtered_list_and_an_unknown_period_is_400_naming_it()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        await AddConversationAsync(consultant.Id, "+393470000004", isLead: true, needsReply: true, unread: 1);
        await AddMessageAsync(consultant.Id, "+393470000004", "inbound", "lead", "received", DateTimeOffset.UtcNow);

        var overview = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/overview");
        Assert.That(overview.GetProperty("counts").GetProperty("newLeadsToday").GetInt32(), Is.EqualTo(1));
        Assert.That(overview.GetProperty("calendar").GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));

        var list = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations?filter=newLeads&period=today");
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(1));
        var needsReply = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations?filter=needsReply");
        Assert.That(needsReply.GetProperty("total").GetInt32(), Is.EqualTo(1));

        var wrong = await consultant.Http.GetAsync("/api/whatsapp/conversations?filter=newLeads&period=month");
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("period", out _));
    }

    private Task AddConversationAsync(Guid consultantId, string phone, bool isLead, bool needsReply, int unread) =>
        Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO conversations (id, consultant_id, contact_phone, is_lead, needs_reply, unread_count, updated_at)
            VALUES ('{Guid.NewGuid()}', '{consultantId}', '{phone}', {isLead}, {needsReply}, {unread}, now())
            """);

    private Task AddMessageAsync(Guid consultantId, string phone, string direction, string sender, string status, DateTimeOffset at) =>
        Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, created_at)
            VALUES ('{Guid.NewGuid()}', '{consultantId}', '{phone}', '{direction}', '{sender}',
                    {(direction == "outbound" ? $"'{sender}'" : "NULL")}, 'hello', '{status}', '{at:O}')
            """);
}
