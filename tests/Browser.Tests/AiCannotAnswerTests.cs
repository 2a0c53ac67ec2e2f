using System.Net.Http.Json;
using Consultant.Grains.Ai;
using Consultant.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// A new account on a new installation (no AI key of its own, the shared pool empty): the chat header and the simulator
/// say the AI cannot answer and why, as the Overview does, instead of "AI answers" and "it answers in 4 seconds".
/// </summary>
public sealed class AiCannotAnswerTests : BrowserFixture
{
    [TestCase(null, "AI on, but it cannot answer", "The AI cannot answer this contact.", "no shared Gemini key yet", "AI answers",
        "Say hello: the assistant answers about 4 seconds after your last message.")]
    [TestCase("it-IT", "AI attiva, ma non può rispondere", "L'AI non può rispondere a questo contatto.", "non ha ancora una chiave Gemini condivisa", "Risponde l'AI",
        "Saluta: l'assistente risponde circa 4 secondi dopo il tuo ultimo messaggio.")]
    public async Task The_chat_header_and_the_simulator_say_the_ai_cannot_answer_and_why_while_no_key_can(
        string? locale, string switchLabel, string title, string why, string answers, string hello)
    {
        await EmptyThePoolAsync();
        using var consultant = await Host.RegisterConsultantAsync("No Key Yet " + (locale ?? "en"));
        const string phone = "+393331230099";
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "Hello, I saw your ad" })).EnsureSuccessStatusCode();
        var conversationId = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated(phone));

        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");
        await Assertions.Expect(AiSwitch(page)).ToContainTextAsync(switchLabel);
        var notice = page.GetByTestId("ai-cannot-answer");
        await Assertions.Expect(notice).ToContainTextAsync(title);
        await Assertions.Expect(notice.GetByTestId("ai-cannot-answer-why")).ToContainTextAsync(why);
        await Assertions.Expect(notice.GetByTestId("ai-cannot-answer-settings")).ToHaveAttributeAsync("href", "/settings/whatsapp");
        await ScreenshotAsync(page, "chat-ai-cannot-answer-" + (locale ?? "en"));

        // The AI switched off: the consultant answers, nothing to warn about.
        await page.GetByTestId("ai-toggle").ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);

        // The simulator promises no answer in 4 seconds; it says why, for a lead and for a client alike.
        await page.GotoAsync("/simulator");
        var simulatorNotice = page.GetByTestId("simulator-ai-cannot-answer");
        await Assertions.Expect(simulatorNotice).ToContainTextAsync(title);
        await Assertions.Expect(simulatorNotice.GetByTestId("simulator-ai-cannot-answer-settings")).ToHaveAttributeAsync("href", "/settings/whatsapp");
        await Assertions.Expect(page.GetByText(hello)).ToHaveCountAsync(0);

        // Their own key, answering leads too: the AI can answer, and both say so again.
        (await consultant.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { aiApiKey = "own-key-cannot-answer-1234", answerLeadsWithOwnKey = true }))
            .EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText(hello)).ToBeVisibleAsync();
        await Assertions.Expect(simulatorNotice).ToHaveCountAsync(0);
        await page.GotoAsync($"/conversations/{conversationId}");
        await page.GetByTestId("ai-toggle").ClickAsync();
        await Assertions.Expect(AiSwitch(page)).ToContainTextAsync(answers);
        await Assertions.Expect(notice).ToHaveCountAsync(0);
    }

    /// <summary>The chat header's AI switch with its label (the test id lands on the switch's input).</summary>
    private static ILocator AiSwitch(IPage page) => page.Locator(".chat-ai");

    private AiKeyPool Pool => Host.Services.GetRequiredService<AiKeyPool>();

    /// <summary>Every pool key removed through the pool, so it forgets them at once (it keeps its keys a few seconds).</summary>
    private async Task EmptyThePoolAsync()
    {
        foreach (var key in await Pool.ListAsync())
        {
            await Pool.RemoveAsync(key.Id);
        }
    }
}
