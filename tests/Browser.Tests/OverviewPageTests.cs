using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The Overview: what needs the consultant, live, each number a way into the conversations it counts.</summary>
public sealed class OverviewPageTests : BrowserFixture
{
    [Test]
    public async Task The_overview_counts_a_new_lead_live_and_its_number_opens_the_list_of_todays_new_leads()
    {
        using var consultant = await Host.RegisterConsultantAsync("Overview Consultant");
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Old Client", phone = "+14155550142" })).EnsureSuccessStatusCode();
        await SimulateAsync(consultant.Http, "+14155550142", "A client writes");

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("overview-messages-today-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-new-leads-today-value")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("overview-unread-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-time-zone")).ToContainTextAsync("Europe/Rome");

        // A new lead writes while the page is open: the numbers move without a reload.
        await SimulateAsync(consultant.Http, "+12025550166", "Hello, I saw your ad");
        await Assertions.Expect(page.GetByTestId("overview-new-leads-today-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-new-leads-week-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-unread-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("overview-messages-today-value")).ToHaveTextAsync("2");
        await ScreenshotAsync(page, "overview");

        await page.GetByTestId("overview-new-leads-today").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/conversations?filter=newLeads&period=today", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("overview-filter")).ToContainTextAsync("New leads today");
        var items = page.GetByTestId("conversation-item");
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(items.First).ToHaveAttributeAsync("data-phone", "sim:+12025550166");

        await page.GotoAsync("/conversations?filter=unread");
        await Assertions.Expect(items).ToHaveCountAsync(2);
    }

    [Test]
    public async Task The_whatsapp_badge_on_the_overview_gives_the_reason_when_twilio_refused_the_settings()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = "AC" + Guid.NewGuid().ToString("N"), authToken = Guid.NewGuid().ToString("N"), // unknown to Twilio
            whatsappNumber = "+14155238886", isActive = true, autoResponseEnabled = true, mode = "webhook",
        });
        saved.EnsureSuccessStatusCode();
        (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).EnsureSuccessStatusCode();
        var config = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/config");
        Assert.That(config.GetProperty("status").GetString(), Is.EqualTo("error"));
        var reason = config.GetProperty("lastConnectionTest").GetProperty("message").GetString()!;

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("config-status")).ToHaveTextAsync("Error");
        await Assertions.Expect(page.GetByTestId("whatsapp-error")).ToContainTextAsync(reason);
    }

    private static async Task SimulateAsync(HttpClient http, string phone, string text) =>
        (await http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text })).EnsureSuccessStatusCode();
}
