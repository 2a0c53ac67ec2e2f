using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Follow-ups page says in which zone its times are (the consultant's, named in the column's header as the
/// Broadcasts page names it), and its counts read right for one and for many, in English and in Italian ("1 inviato",
/// "3 inviati"): the history's filters and each rule's reply rate.
/// </summary>
public sealed class FollowUpsTimesAndCountsTests : BrowserFixture
{
    /// <summary>10:00 UTC is 19:00 in Tokyo.</summary>
    private static readonly DateTimeOffset Due = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Queue_and_history_times_are_in_the_consultants_zone_which_the_headers_name_and_the_filters_count_one_and_many()
    {
        using var tenant = await TenantInTokyoAsync("Follow-up Times Consultant", "+14155550177", "Tom Tokyo");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var queue = page.GetByTestId("followup-queue");
        await Assertions.Expect(queue.GetByTestId("followup-when-header")).ToHaveTextAsync("Due (your time zone, Asia/Tokyo)");
        await Assertions.Expect(queue.GetByTestId("followup-row").Locator("td.followup-when")).ToHaveTextAsync("15/01/2030 19:00");
        var history = page.GetByTestId("followup-history");
        await Assertions.Expect(history.GetByTestId("followup-when-header")).ToHaveTextAsync("When (your time zone, Asia/Tokyo)");
        await AssertFiltersAsync(history, ("history", "All (7)"), ("sent", "3 sent"), ("replied", "1 replied"), ("skipped", "1 skipped"),
            ("cancelled", "2 cancelled"), ("failed", "1 failed"));
        await Assertions.Expect(Rule(page, "lead_24h").GetByTestId("rule-reply-rate")).ToHaveTextAsync("Last 30 days: 2 sent, 1 replied (50%)");
        await Assertions.Expect(Rule(page, "lead_48h").GetByTestId("rule-reply-rate")).ToHaveTextAsync("Last 30 days: 1 sent, 0 replied (0%)");
        await ScreenshotAsync(page, "followups-times-and-counts");

        // A follow-up cancelled from the queue counts at once.
        await queue.GetByTestId("followup-cancel").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel the follow-up" }).ClickAsync();
        await Assertions.Expect(history.GetByTestId("history-filter-cancelled")).ToHaveTextAsync("3 cancelled");
        await Assertions.Expect(history.GetByTestId("history-filter-history")).ToHaveTextAsync("All (8)");
    }

    [Test]
    public async Task In_italian_the_counts_agree_with_one_and_many_and_the_headers_name_the_zone()
    {
        using var tenant = await TenantInTokyoAsync("Consulente a Tokyo", "+393471118166", "Sara Tokyo");

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/followups");
        var queue = page.GetByTestId("followup-queue");
        await Assertions.Expect(queue.GetByTestId("followup-when-header")).ToHaveTextAsync("Previsto (tuo fuso orario, Asia/Tokyo)");
        await Assertions.Expect(queue.GetByTestId("followup-row").Locator("td.followup-when")).ToHaveTextAsync("15/01/2030 19:00");
        var history = page.GetByTestId("followup-history");
        await Assertions.Expect(history.GetByTestId("followup-when-header")).ToHaveTextAsync("Quando (tuo fuso orario, Asia/Tokyo)");
        await AssertFiltersAsync(history, ("history", "Tutti (7)"), ("sent", "3 inviati"), ("replied", "1 con risposta"), ("skipped", "1 saltato"),
            ("cancelled", "2 annullati"), ("failed", "1 non riuscito"));
        await Assertions.Expect(Rule(page, "lead_24h").GetByTestId("rule-reply-rate")).ToContainTextAsync("Ultimi 30 giorni: 2 inviati, 1 con risposta");
        await Assertions.Expect(Rule(page, "lead_48h").GetByTestId("rule-reply-rate")).ToContainTextAsync("Ultimi 30 giorni: 1 inviato, 0 con risposta");
        await ScreenshotAsync(page, "followups-times-and-counts-italian");

        // On a phone the cards keep the time's header, with the zone.
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(queue.GetByTestId("followup-when-header")).ToBeVisibleAsync();
        await Assertions.Expect(queue.Locator("thead th").First).Not.ToBeVisibleAsync();
    }

    /// <summary>
    /// A consultant in Tokyo with one contact: a follow-up due <see cref="Due"/>, and a history of 3 sent (lead_24h twice,
    /// one replied; lead_48h once), 1 skipped, 2 cancelled, 1 failed.
    /// </summary>
    private async Task<BrowserTenant> TenantInTokyoAsync(string name, string phone, string contactName)
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, name, autoResponse: false);
        (await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Asia/Tokyo" })).EnsureSuccessStatusCode();
        await tenant.WebhookAsync(Host, phone, "Hi", profileName: contactName);
        await tenant.AnswerAsync(Host, phone);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE id = '{conversationId}'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the conversation in the list");
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_24h", "pending", TimeSpan.FromHours(1));
        await Db.ExecuteAsync(Host.ConnectionString,
            $"UPDATE whatsapp_followup_reminders SET scheduled_for = '{Due:O}'::timestamptz WHERE conversation_id = '{conversationId}' AND status = 'pending'");
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_24h", "sent", TimeSpan.FromHours(-50), replied: true);
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_24h", "sent", TimeSpan.FromHours(-40));
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_48h", "sent", TimeSpan.FromHours(-30));
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_48h", "skipped", TimeSpan.FromHours(-20),
            reason: "The 24-hour window is closed and the rule has no template.");
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_24h", "cancelled", TimeSpan.FromHours(-10), reason: "The contact wrote.");
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_24h", "cancelled", TimeSpan.FromHours(-9), reason: "The contact wrote.");
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "client_7d", "failed", TimeSpan.FromHours(-3), reason: "Not delivered (error 63016).");
        return tenant;
    }

    private static async Task AssertFiltersAsync(ILocator history, params (string Filter, string Text)[] chips)
    {
        foreach (var (filter, text) in chips)
        {
            await Assertions.Expect(history.GetByTestId("history-filter-" + filter)).ToHaveTextAsync(text);
        }
    }

    private static ILocator Rule(IPage page, string key) => page.Locator($"[data-testid=rule-card][data-rule={key}]");
}
