using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The chat header shows the contact's time zone guessed from their number, and the consultant chooses another.</summary>
public sealed class ContactTimeZonePickerTests : BrowserFixture
{
    [Test]
    public async Task The_chat_header_shows_a_british_leads_zone_and_the_consultant_chooses_another_and_back()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Zone Consultant");
        const string phone = "+447911123456";
        await tenant.WebhookAsync(Host, phone, "Hello, I'd like to know more about your programmes", profileName: "Liam London");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Liam London" }).ClickAsync();
        var zone = page.Locator("#contactTimeZone");
        await Assertions.Expect(zone).ToHaveValueAsync("Europe/London");
        await Assertions.Expect(page.GetByTestId("contact-time-zone-source")).ToHaveTextAsync("From the +44 prefix");

        await zone.FillAsync("atlantis");
        await Assertions.Expect(page.GetByTestId("contact-time-zone-no-match")).ToContainTextAsync("No time zone matches");
        await zone.FillAsync("new york");
        await PickAsync(page, "America/New_York", zone);
        await Assertions.Expect(page.GetByTestId("contact-time-zone-source")).ToHaveTextAsync("Picked by you");
        await ScreenshotAsync(page, "contact-time-zone-picker");

        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        var saved = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{conversationId}/time-zone");
        Assert.That(saved.GetProperty("timeZone").GetString(), Is.EqualTo("America/New_York"));
        Assert.That(saved.GetProperty("source").GetString(), Is.EqualTo("consultant"));

        await page.GetByTestId("contact-time-zone-automatic").ClickAsync();
        await Assertions.Expect(zone).ToHaveValueAsync("Europe/London");
        await Assertions.Expect(page.GetByTestId("contact-time-zone-source")).ToHaveTextAsync("From the +44 prefix");
    }
}
