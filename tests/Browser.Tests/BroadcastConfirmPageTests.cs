using System.Globalization;
using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What the consultant decides on the Broadcasts page before anything goes: the opt-out hint (a ticked box; the
/// preflight shows the message with or without it), a start time that schedules nothing until "Schedule for N
/// contacts" is confirmed, a late start told in their own time zone; and in the chat, a broadcast WhatsApp held back
/// shows once, waiting (for its time, or for the resume while the broadcast is paused), then as its retry.
/// </summary>
public sealed class BroadcastConfirmPageTests : BrowserFixture
{
    [Test]
    public async Task Unticking_the_opt_out_hint_shows_the_message_without_it_in_the_preflight_and_sends_it_so()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Hint Consultant", autoResponse: false);
        const string anna = "+14155550401";
        await tenant.WebhookAsync(Host, anna, "Hello!", profileName: "Anna Rossi");
        await ConversationsAsync(tenant, 1);

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await page.GetByTestId("broadcast-new-empty").ClickAsync();
        await Field(page, "broadcast-name").FillAsync("With the hint");
        // Long enough for its language to be read: the hint is in the text's language (else the consultant's).
        await Field(page, "broadcast-text").FillAsync("Hi {name}, our open day is this Saturday morning and everyone is welcome to come!");
        await Assertions.Expect(page.GetByLabel("End with the opt-out hint")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("opt-out-hint-help")).ToContainTextAsync("Reply STOP to stop receiving these messages.");
        await page.GetByTestId("broadcast-check").ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        var withHint = detail.GetByTestId("preflight-message");
        await Assertions.Expect(withHint).ToContainTextAsync("Hi Anna, our open day is this Saturday morning and everyone is welcome to come!");
        await Assertions.Expect(withHint).ToContainTextAsync("Reply STOP to stop receiving these messages.");

        await page.GetByTestId("broadcast-new").ClickAsync();
        await Field(page, "broadcast-name").FillAsync("Without the hint");
        await Field(page, "broadcast-text").FillAsync("Hi {name}, we are closed on Monday.");
        await page.GetByLabel("End with the opt-out hint").UncheckAsync();
        await page.GetByTestId("broadcast-check").ClickAsync();
        await Assertions.Expect(detail.GetByTestId("detail-name")).ToHaveTextAsync("Without the hint");
        await Assertions.Expect(detail.GetByTestId("preflight-message")).ToHaveTextAsync("Hi Anna, we are closed on Monday.");
        await Assertions.Expect(detail.GetByTestId("detail-opt-out")).ToHaveTextAsync("Without the opt-out hint.");
        await ScreenshotAsync(page, "broadcasts-without-hint");

        await detail.GetByTestId("broadcast-send").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Send to 1 contact" }).ClickAsync();
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Completed");
        Assert.That(Twilio.Sent.Single(m => m.To == "whatsapp:" + anna).Body, Is.EqualTo("Hi Anna, we are closed on Monday."));
    }

    [Test]
    public async Task A_draft_with_a_start_time_is_scheduled_only_by_the_confirmation_on_the_page()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Schedule Consultant", autoResponse: false);
        await tenant.WebhookAsync(Host, "+14155550411", "Hello!", profileName: "Sara Bassi");
        await ConversationsAsync(tenant, 1);
        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await page.GetByTestId("broadcast-new-empty").ClickAsync();
        await Field(page, "broadcast-name").FillAsync("Webinar reminder");
        await Field(page, "broadcast-text").FillAsync("The webinar is tomorrow.");
        await page.GetByLabel("I start it myself after the check").CheckAsync();
        // Day and time as the dashboard (English, day before month, 24-hour) writes them, on the consultant's clock (Europe/Rome).
        var startsAt = DateTime.UtcNow.AddDays(2);
        var day = Field(page, "broadcast-starts-on");
        await day.FillAsync(startsAt.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await day.PressAsync("Tab");
        var time = Field(page, "broadcast-starts-time");
        await time.FillAsync(startsAt.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await time.PressAsync("Tab");
        await page.GetByTestId("broadcast-check").ClickAsync();
        var detail = page.GetByTestId("broadcast-detail");
        await Assertions.Expect(detail.GetByTestId("preflight-recipients")).ToHaveTextAsync("1 contact will get it.");
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(detail.GetByTestId("detail-times")).ToContainTextAsync("once you schedule it");
        Assert.That(await StatusAsync(tenant), Is.EqualTo("draft"), "the preflight scheduled nothing");
        await ScreenshotAsync(page, "broadcasts-draft-with-time");

        // "Not yet": still a draft.
        await detail.GetByTestId("broadcast-schedule-confirm").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Schedule it for 1 contact?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Not yet" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.That(await StatusAsync(tenant), Is.EqualTo("draft"));

        await detail.GetByTestId("broadcast-schedule-confirm").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Schedule for 1 contact" }).ClickAsync();
        await Assertions.Expect(detail.GetByTestId("detail-status")).ToHaveTextAsync("Scheduled");
        await Assertions.Expect(detail.GetByTestId("broadcast-send")).ToHaveTextAsync("Send now to 1 contact");
        Assert.That(await StatusAsync(tenant), Is.EqualTo("scheduled"));
    }

    [Test]
    public async Task A_late_start_says_when_it_was_due_in_the_consultants_time_zone()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Late Consultant", autoResponse: false);
        (await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "America/New_York" })).EnsureSuccessStatusCode();
        await tenant.WebhookAsync(Host, "+14155550421", "Hello!", profileName: "Luca Neri");
        await ConversationsAsync(tenant, 1);
        var created = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", new
        {
            name = "Missed", audience = new { group = "all" }, messageText = "We missed the time.", scheduledAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        var id = (await created.Content.ReadFromJsonAsync<IdBody>())!.Id;
        (await tenant.Consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/schedule", null)).EnsureSuccessStatusCode();
        // Due 15 January at 14:30 UTC (09:30 in New York) while nothing ran; the next sweep starts it late.
        await Db.ExecuteAsync(Host.ConnectionString, $"UPDATE whatsapp_broadcasts SET scheduled_at = '2026-01-15T14:30:00Z' WHERE id = '{id}'");
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastSchedulerGrain>(0).SweepAsync();

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/broadcasts");
        await page.GetByTestId("broadcast-row").Filter(new() { HasText = "Missed" }).ClickAsync();
        var reason = page.GetByTestId("broadcast-detail").GetByTestId("detail-reason");
        await Assertions.Expect(reason).ToHaveTextAsync("Started late: it was due at 15/01/2026 09:30 (America/New_York), while the service was not running.");
        await ScreenshotAsync(page, "broadcasts-started-late");
    }

    [Test]
    public async Task A_broadcast_held_back_by_the_marketing_limit_shows_once_in_the_chat_waiting_then_as_its_retry()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Retry Consultant", autoResponse: false);
        const string contact = "+14155550431";
        await tenant.WebhookAsync(Host, contact, "Hello!", profileName: "Rita Limit");
        await ConversationsAsync(tenant, 1);
        var created = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts",
            new { name = "Limited", audience = new { group = "all" }, messageText = "Marketing news for Rita." });
        var id = (await created.Content.ReadFromJsonAsync<IdBody>())!.Id;
        (await tenant.Consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/start", null)).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Task.FromResult(Sent(contact).Count), n => n == 1, TimeSpan.FromSeconds(30), "the first try");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Rita Limit" }).ClickAsync();
        var bubbles = page.GetByTestId("chat-messages").GetByTestId("message").Filter(new() { HasText = "Marketing news for Rita." });
        await Assertions.Expect(bubbles).ToHaveCountAsync(1);

        // Live: WhatsApp's marketing limit in a failed callback, then the retry.
        await StatusCallbackAsync(tenant, Sent(contact)[0].Sid, "failed", "131049");
        await Assertions.Expect(bubbles.GetByTestId("message-retry")).ToContainTextAsync("WhatsApp's marketing limit for this contact was reached (error 131049)");
        await Assertions.Expect(bubbles.GetByTestId("message-status")).ToHaveAttributeAsync("data-status", "retry");
        await Assertions.Expect(bubbles.GetByTestId("message-error")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "chat-broadcast-waiting-for-retry");

        // Paused meanwhile: not a time that would pass, but the resume it waits for (told live), and its time again after.
        var retry = bubbles.GetByTestId("message-retry");
        (await tenant.Consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/pause", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(retry).ToContainTextAsync("The broadcast is paused: tried again once it is resumed.");
        await Assertions.Expect(retry).Not.ToContainTextAsync("Next try");
        await ScreenshotAsync(page, "chat-broadcast-retry-paused");
        (await tenant.Consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/resume", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(retry).ToContainTextAsync("Next try");
        await Assertions.Expect(retry).Not.ToContainTextAsync("paused");

        await Db.ExecuteAsync(Host.ConnectionString, $"UPDATE whatsapp_broadcast_recipients SET next_attempt_at = now() WHERE broadcast_id = '{id}'");
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastGrain>(BroadcastKeys.Of(tenant.Consultant.Id, id)).WakeAsync();
        await Poll.UntilAsync(() => Task.FromResult(Sent(contact).Count), n => n == 2, TimeSpan.FromSeconds(30), "the retry");
        await Assertions.Expect(bubbles.GetByTestId("message-retry")).ToHaveCountAsync(0);
        await Assertions.Expect(bubbles).ToHaveCountAsync(1);
        await Assertions.Expect(bubbles.GetByTestId("message-status")).Not.ToHaveAttributeAsync("data-status", "retry");

        await page.ReloadAsync(); // and as stored
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Rita Limit" }).ClickAsync();
        await Assertions.Expect(bubbles).ToHaveCountAsync(1);
        await Assertions.Expect(bubbles.GetByTestId("message-error")).ToHaveCountAsync(0);
    }

    private IReadOnlyList<FakeTwilioMessage> Sent(string contact) =>
        Twilio.Sent.Where(m => m.To == "whatsapp:" + contact && m.Body.StartsWith("Marketing news", StringComparison.Ordinal)).ToList();

    private async Task StatusCallbackAsync(BrowserTenant tenant, string sid, string status, string errorCode)
    {
        const string path = "/api/whatsapp/status-callback";
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["SmsSid"] = sid, ["MessageStatus"] = status, ["SmsStatus"] = status, ["ErrorCode"] = errorCode,
            ["AccountSid"] = tenant.AccountSid, ["From"] = "whatsapp:" + tenant.Number, ["To"] = "whatsapp:+15550000000",
            ["ApiVersion"] = "2010-04-01", ["ChannelPrefix"] = "whatsapp",
        };
        using var http = Host.CreateClient();
        (await TwilioWebhook.PostAsync(http, SiloHost.PublicBaseUrl + path, tenant.AuthToken, form, path)).EnsureSuccessStatusCode();
    }

    private Task ConversationsAsync(BrowserTenant tenant, int count) =>
        Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT count(*) FROM conversations WHERE consultant_id = '{tenant.Consultant.Id}'"),
            n => n == count, TimeSpan.FromSeconds(30), "the conversations");

    private Task<string?> StatusAsync(BrowserTenant tenant) =>
        Db.ScalarAsync<string>(Host.ConnectionString, $"SELECT status FROM whatsapp_broadcasts WHERE consultant_id = '{tenant.Consultant.Id}'");

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    private sealed record IdBody(Guid Id);
}
