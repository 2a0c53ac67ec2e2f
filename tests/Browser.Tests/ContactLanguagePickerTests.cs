using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The chat header shows the contact's language and why, and the consultant's choice sticks.</summary>
public sealed class ContactLanguagePickerTests : BrowserFixture
{
    [Test]
    public async Task The_chat_header_shows_a_spanish_leads_language_and_the_consultant_switches_it_to_english()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Language Consultant");
        const string phone = "+34611000222";
        await tenant.WebhookAsync(Host, phone, "Hola, quiero información sobre vuestros programas", profileName: "Lola Lead");

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Lola Lead" }).ClickAsync();
        var picker = page.GetByTestId("contact-language");
        await Assertions.Expect(picker).ToContainTextAsync("Español");

        await picker.ClickAsync();
        await page.GetByTestId("contact-language-en").ClickAsync();
        await Assertions.Expect(picker).ToContainTextAsync("English");
        await Assertions.Expect(page.GetByTestId("contact-language-source")).ToHaveTextAsync("chosen by you");
        await ScreenshotAsync(page, "contact-language-picker");

        var list = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations");
        var row = list.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("displayName").GetString() == "Lola Lead");
        Assert.That(row.GetProperty("language").GetString(), Is.EqualTo("en"));
        Assert.That(row.GetProperty("languageSource").GetString(), Is.EqualTo("consultant"));
    }
}
