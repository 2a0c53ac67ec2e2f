using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Settings;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// An Italian dashboard shows in Italian what the services write (the reason a chat needs a reply) and the chat's
/// client actions; a language changed elsewhere shows at once; the AI's default texts are the Italian ones.
/// </summary>
public sealed class ItalianChatTextsTests : BrowserFixture
{
    [Test]
    public async Task The_chat_speaks_Italian_all_through_and_a_language_changed_elsewhere_shows_live()
    {
        var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Consulente Italiana", autoResponse: false);
        (await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { uiCulture = "it" })).EnsureSuccessStatusCode();
        const string lead = "+393471110091";
        await tenant.WebhookAsync(Host, lead, "Buongiorno, vorrei informazioni sui vostri programmi", profileName: "Marta Bianchi");

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/conversations");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Marta Bianchi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("needs-reply")).ToContainTextAsync(
            "La risposta automatica è spenta: rispondi a mano, oppure attivala nelle impostazioni WhatsApp.");

        await page.GetByTestId("add-as-client").ClickAsync();
        var dialog = page.GetByTestId("add-client-dialog");
        await Assertions.Expect(dialog.GetByText("L'assistente gli scrive in questa lingua", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByText(new System.Text.RegularExpressions.Regex("^Lingua$")).First).ToBeAttachedAsync();
        await Assertions.Expect(dialog.GetByTestId("client-language")).ToContainTextAsync("Non impostata");
        await ScreenshotAsync(page, "italian-add-client");
        await page.GetByRole(AriaRole.Button, new() { Name = "Annulla" }).ClickAsync();

        // Chosen in another tab or through the API: this page shows it without reloading.
        var chosen = await tenant.Consultant.Http.PutAsJsonAsync(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, lead)}/language", new { language = "fr" });
        chosen.EnsureSuccessStatusCode();
        await Assertions.Expect(page.GetByTestId("contact-language")).ToContainTextAsync("Français");
        await Assertions.Expect(page.GetByTestId("contact-language-source")).ToHaveTextAsync("scelta da te");

        const string client = "+393471110092";
        await tenant.AddClientAsync("Paola Rossi", client);
        await tenant.WebhookAsync(Host, client, "Ciao, domani ci sono");
        await page.GetByTestId("conversation-item").Filter(new() { HasText = "Paola Rossi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("open-client")).ToHaveTextAsync("Scheda cliente");

        await page.GotoAsync("/settings/whatsapp");
        await Assertions.Expect(page.Locator("#persona")).ToHaveValueAsync(AssistantDefaults.ItalianPersona);
        await Assertions.Expect(page.Locator("#acquisitionScript")).ToHaveValueAsync(AssistantDefaults.ItalianAcquisitionScript);
    }
}
