using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The WhatsApp settings page for an Italian consultant: its texts, the services' messages at their fields, times in their zone.</summary>
public sealed class ItalianSettingsPageTests : BrowserFixture
{
    [Test]
    public async Task The_Italian_settings_page_shows_each_problem_in_Italian_at_its_field_and_the_test_time_in_the_consultants_zone()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Impostazioni");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var twilio = page.GetByTestId("twilio-section");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Impostazioni WhatsApp");
        await Assertions.Expect(page.GetByTestId("config-status")).ToHaveTextAsync("Non configurato");

        // Empty: every field to fix is marked at once, the Auth Token too (required the first time).
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(twilio.GetByText("L'Account SID inizia con AC")).ToBeVisibleAsync();
        await Assertions.Expect(twilio.GetByText("Il numero WhatsApp è nel formato E.164")).ToBeVisibleAsync();
        await Assertions.Expect(twilio.GetByText("Obbligatorio la prima volta: copialo dalla console Twilio.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "settings-italian-errors");

        // The AI switch's caption says what the switch says.
        var ai = page.GetByTestId("ai-section");
        var caption = page.GetByTestId("answer-leads-caption");
        await Assertions.Expect(caption).ToHaveTextAsync("Disattivato: ai nuovi contatti rispondono le chiavi condivise di questa installazione.");
        await ai.GetByText("Rispondi ai nuovi contatti con la mia chiave AI").ClickAsync();
        await Assertions.Expect(caption).ToHaveTextAsync("Attivato: ai nuovi contatti risponde la tua chiave AI.");
        await page.GetByTestId("save-ai").ClickAsync();
        await Assertions.Expect(page.GetByTestId("answer-leads-error")).ToHaveTextAsync(
            "Salva prima la tua chiave API dell'AI: i nuovi contatti ricevono risposta con la tua chiave solo quando ne hai salvata una.");

        // Accepted credentials: the test's time in the consultant's zone (Europe/Rome by default), day first, no UTC "Z".
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var authToken = Guid.NewGuid().ToString("N");
        Twilio.AddAccount(accountSid, authToken);
        await page.FillAsync("#accountSid", accountSid);
        await page.FillAsync("#authToken", authToken);
        await page.FillAsync("#whatsappNumber", "+14155238886");
        var before = RomeNow();
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("config-status")).ToHaveTextAsync("Configurato");
        var testedAt = await page.GetByTestId("connection-tested-at").InnerTextAsync();
        var after = RomeNow();
        Assert.That(testedAt, Is.AnyOf($"({before})", $"({after})"));
        await Assertions.Expect(twilio.Locator(".mud-input-error")).ToHaveCountAsync(0);
    }

    private static string RomeNow() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"))
            .ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
