using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Flows;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>A lead's flow in the conversation's details: its step, the answers given through the simulator; stopped and started by hand.</summary>
public sealed class ConversationFlowPanelTests : BrowserFixture
{
    [Test]
    public async Task A_leads_answers_show_in_the_conversation_and_the_flow_is_stopped_and_started_there()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Answers");
        await Host.Services.GetRequiredService<AiKeyPool>().AddAsync("browser", "pool-key-browser"); // leads in the simulator are answered
        const string phone = "+393331230017";
        var conversationId = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated(phone));
        var flows = Host.Services.GetRequiredService<FlowService>();

        // The built-in flow, answered as a lead in the simulator: one message at a time, each waited for.
        async Task AnswerAsync(string text, string? payload, string nextStep)
        {
            var sent = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text, buttonPayload = payload });
            sent.EnsureSuccessStatusCode();
            await Poll.UntilAsync(async () => (await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value?.StepId,
                step => step == nextStep, TimeSpan.FromSeconds(60), $"the flow at step {nextStep}");
        }

        // The lead wrote first (the AI answered: tests keep new leads with the AI); the flow started by hand, then answered.
        var hello = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "Ciao" });
        hello.EnsureSuccessStatusCode();
        var conversations = Host.Services.GetRequiredService<ConversationService>();
        await Poll.UntilAsync(async () => (await conversations.GetMessagesAsync(consultant.Id, conversationId, null, 10))?.Items.Count ?? 0,
            count => count >= 2, TimeSpan.FromSeconds(60), "the AI's answer to the first message");
        var started = await flows.StartAsync(consultant.Id, conversationId, DefaultFlow.Id, CancellationToken.None);
        Assert.That(started.Value?.StepId, Is.EqualTo("goal"), started.Problem?.ToString());
        await AnswerAsync("Fitness", "fitness", "notes");
        await AnswerAsync("Voglio rimettermi in forma", null, "email");
        await AnswerAsync("lara@example.com", null, "book");

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");
        await page.GetByTestId("toggle-details").ClickAsync();
        var panel = page.GetByTestId("flow-panel");
        await Assertions.Expect(panel.GetByTestId("flow-status")).ToContainTextAsync("\"Onboarding\", waiting for the answer to step \"book\".");
        await Assertions.Expect(panel.GetByTestId("answer-goal")).ToContainTextAsync("Fitness");
        await Assertions.Expect(panel.GetByTestId("answer-notes")).ToContainTextAsync("Voglio rimettermi in forma");
        await Assertions.Expect(panel.GetByTestId("answer-email")).ToContainTextAsync("lara@example.com");
        await ScreenshotAsync(page, "conversation-flow-panel");

        await panel.GetByTestId("stop-flow").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("flow-status")).ToContainTextAsync("No guided flow running.");
        Assert.That((await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value!.FlowId, Is.Null);
        await Assertions.Expect(panel.GetByTestId("answer-email")).ToContainTextAsync("lara@example.com"); // the answers stay

        await Assertions.Expect(panel.GetByTestId("flow-choice")).ToContainTextAsync("Onboarding");
        await panel.GetByTestId("start-flow").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("flow-status")).ToContainTextAsync("waiting for the answer to step \"goal\"");
        Assert.That((await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value!.StepId, Is.EqualTo("goal"));
        await Assertions.Expect(page.GetByTestId("chat-messages").GetByText("Qual è il tuo obiettivo?")).ToHaveCountAsync(2); // asked again
    }
}
