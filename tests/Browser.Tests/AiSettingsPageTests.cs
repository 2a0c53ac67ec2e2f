using System.Net.Http.Json;
using Consultant.Grains.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The AI key apart from Twilio on the settings page, and a "needs reply" that goes once its cause is fixed.</summary>
public sealed class AiSettingsPageTests : BrowserFixture
{
    private const string OwnKeyForLeads = "Answer leads with my own AI key";

    [Test]
    public async Task Twilio_and_ai_settings_are_separate_sections_each_saved_on_its_own()
    {
        using var consultant = await Host.RegisterConsultantAsync("Keyed Consultant");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var twilio = page.GetByTestId("twilio-section");
        var ai = page.GetByTestId("ai-section");

        // The AI key and "own key for leads" without any Twilio details.
        await page.FillAsync("#aiApiKey", "browser-ai-key-5678");
        await ai.GetByText(OwnKeyForLeads).ClickAsync();
        await page.GetByTestId("save-ai").ClickAsync();
        await Assertions.Expect(ai).ToContainTextAsync("A key ending …5678 is saved");
        await Assertions.Expect(page.Locator("#aiApiKey")).ToHaveValueAsync("");
        await Assertions.Expect(twilio.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("config-status")).ToHaveTextAsync("Not configured");
        var saved = await Host.Services.GetRequiredService<WhatsAppSettingsService>().GetAiAsync(consultant.Id);
        Assert.That((saved.HasAiApiKey, saved.AnswerLeadsWithOwnKey), Is.EqualTo((true, true)));

        // Twilio's own Save shows Twilio's problems only, and leaves the AI settings as they are.
        await page.FillAsync("#accountSid", "XX123");
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(twilio.GetByText("starts with AC")).ToBeVisibleAsync();
        await Assertions.Expect(ai.Locator(".mud-input-error")).ToHaveCountAsync(0);
        await Assertions.Expect(ai).ToContainTextAsync("A key ending …5678 is saved");
        await ScreenshotAsync(page, "settings-twilio-and-ai-sections");

        // The AI section's own problem stays in the AI section.
        await page.FillAsync("#aiApiKey", "two words");
        await page.GetByTestId("save-ai").ClickAsync();
        await Assertions.Expect(ai.GetByText("has no spaces")).ToBeVisibleAsync();
        await Assertions.Expect(twilio.GetByText("has no spaces")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("ai-section")).ToContainTextAsync("A key ending …5678 is saved");
        await Assertions.Expect(page.GetByTestId("ai-section").GetByLabel(OwnKeyForLeads)).ToBeCheckedAsync();
        Assert.That(await page.ContentAsync(), Does.Not.Contain("browser-ai-key-5678"), "the key never reaches the browser");
    }

    [Test]
    public async Task A_needs_reply_for_a_missing_key_goes_from_the_open_chat_once_the_key_is_saved()
    {
        using var consultant = await Host.RegisterConsultantAsync("Keyless Consultant");
        const string phone = "+5511987650077";
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Banner Bea", phone, language = "en" })).EnsureSuccessStatusCode();
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "Is anyone answering?" })).EnsureSuccessStatusCode();
        Ai.When(r => r.AllText.Contains("Is anyone answering?"), "Yes, Bea! Your coach's assistant here.");

        var chatPage = await NewPageAsync();
        await SignInAsync(chatPage, consultant.Email, consultant.Password);
        await chatPage.GotoAsync("/conversations");
        await chatPage.GetByTestId("conversation-item").Filter(new() { HasText = "Banner Bea" }).ClickAsync();
        var banner = chatPage.GetByTestId("needs-reply");
        await Assertions.Expect(banner).ToContainTextAsync("No AI key for your clients");

        var settingsPage = await NewPageAsync();
        await SignInAsync(settingsPage, consultant.Email, consultant.Password);
        await settingsPage.GotoAsync("/settings/whatsapp");
        await settingsPage.FillAsync("#aiApiKey", "key-saved-while-flagged");
        await settingsPage.GetByTestId("save-ai").ClickAsync();
        await Assertions.Expect(settingsPage.GetByTestId("ai-section")).ToContainTextAsync("A key ending");

        // Live, without a reload: the waiting message is answered and the banner goes.
        await Assertions.Expect(chatPage.GetByTestId("chat-messages")).ToContainTextAsync("Yes, Bea!");
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await Assertions.Expect(chatPage.GetByTestId("conversation-item").Filter(new() { HasText = "Banner Bea" })).Not.ToContainTextAsync("Needs reply");
    }
}
