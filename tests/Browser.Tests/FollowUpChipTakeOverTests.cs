using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The chat header's next follow-up follows the AI switch without a reload: taking the conversation over shows it
/// paused, giving it back shows when it goes again (the switch pauses and resumes it at once, before the page hears).
/// </summary>
public sealed class FollowUpChipTakeOverTests : BrowserFixture
{
    [Test]
    public async Task Taking_over_shows_the_next_follow_up_paused_and_giving_back_shows_it_due_again_without_a_reload()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Follow-up Take-over Consultant", autoResponse: false);
        const string phone = "+393471118155";
        await tenant.WebhookAsync(Host, phone, "Ciao, quanto costa una consulenza?", profileName: "Paola Presa");
        await tenant.AnswerAsync(Host, phone, "Ciao Paola, una consulenza costa 50 euro.");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await PlannedFollowUps.PlanAsync(Host.ConnectionString, conversationId, "lead_24h", "pending", TimeSpan.FromHours(20));

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");
        // The switch by its id: its label when on depends on whether a key can answer this lead (the shared pool's state).
        var aiSwitch = page.Locator(".chat-ai"); // the test id lands on the switch's input, the label beside it
        var chip = page.GetByTestId("next-followup-text");
        await Assertions.Expect(chip).ToContainTextAsync("Follow-up in 20 h");

        await page.GetByTestId("ai-toggle").ClickAsync();
        await Assertions.Expect(aiSwitch).ToContainTextAsync("AI off: you answer");
        await Assertions.Expect(chip).ToContainTextAsync("Follow-up paused: AI off");
        await ScreenshotAsync(page, "followup-chip-taken-over");

        await page.GetByTestId("ai-toggle").ClickAsync();
        await Assertions.Expect(aiSwitch).Not.ToContainTextAsync("AI off: you answer");
        await Assertions.Expect(chip).ToContainTextAsync("Follow-up in 20 h");
    }
}
