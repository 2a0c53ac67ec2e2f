using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Flows;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans;

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

        // The flow is in the header: a chip with the step, and "Details" (tags, notes, flow) names the panel.
        await Assertions.Expect(page.GetByTestId("toggle-details")).ToHaveTextAsync("Details");
        var chip = page.GetByTestId("flow-step-chip");
        await Assertions.Expect(chip).ToHaveTextAsync("Flow: step 4 of up to 5");
        await chip.ClickAsync();
        var panel = page.GetByTestId("flow-panel");
        await Assertions.Expect(panel.GetByTestId("flow-status"))
            .ToContainTextAsync("\"Onboarding\", waiting for the answer to \"Vuoi prenotare una consulenza?\" (step 4 of up to 5).");
        await Assertions.Expect(panel.GetByTestId("answer-goal")).ToHaveTextAsync("Fitness");
        await Assertions.Expect(panel.GetByTestId("answer-notes-label")).ToHaveTextAsync("They told us");
        await Assertions.Expect(panel.GetByTestId("answer-notes")).ToHaveTextAsync("Voglio rimettermi in forma");
        await Assertions.Expect(panel.GetByTestId("answer-email")).ToHaveTextAsync("lara@example.com");
        var label = await panel.GetByTestId("answer-email-label").BoundingBoxAsync();
        var value = await panel.GetByTestId("answer-email").BoundingBoxAsync();
        Assert.That(Math.Abs(label!.Y - value!.Y), Is.LessThan(8), "label and value on one row");
        Assert.That(value.X, Is.GreaterThan(label.X + label.Width - 1), "the value beside its label");
        await ScreenshotAsync(page, "conversation-flow-panel");

        // Stop says who answers now.
        await panel.GetByTestId("stop-flow").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("flow-status")).ToContainTextAsync("No guided flow running.");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Flow stopped: the AI answers from now on." })).ToBeVisibleAsync();
        await Assertions.Expect(chip).ToHaveCountAsync(0);
        Assert.That((await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value!.FlowId, Is.Null);
        await Assertions.Expect(panel.GetByTestId("answer-email")).ToContainTextAsync("lara@example.com"); // the answers stay

        // Start asks first: the contact gets a message.
        await Assertions.Expect(panel.GetByTestId("flow-choice")).ToContainTextAsync("Onboarding");
        await panel.GetByTestId("start-flow").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("The contact gets the first question of \"Onboarding\" now.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.That((await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value!.FlowId, Is.Null, "nothing started on Cancel");
        await panel.GetByTestId("start-flow").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start flow" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("flow-status")).ToContainTextAsync("waiting for the answer to \"Qual è il tuo obiettivo?\" (step 1 of up to 5)");
        Assert.That((await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value!.StepId, Is.EqualTo("goal"));
        await Assertions.Expect(page.GetByTestId("chat-messages").GetByText("Qual è il tuo obiettivo?")).ToHaveCountAsync(2); // asked again
        await Assertions.Expect(chip).ToHaveTextAsync("Flow: step 1 of up to 5");
    }

    [Test]
    public async Task The_step_counts_the_way_the_lead_took_when_their_answer_skips_a_step()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Skips");
        var flows = Host.Services.GetRequiredService<FlowService>();
        var flow = DefaultFlow.Build();
        var goal = flow.Step("goal")!;
        var financeSkipsNotes = goal with { Options = [goal.OptionList[0], goal.OptionList[1] with { Next = "email" }] };
        var saved = await flows.SaveAsync(consultant.Id, flow with { Steps = [financeSkipsNotes, .. flow.Steps.Skip(1)] });
        Assert.That(saved.Value, Is.Not.Null, saved.Problem?.ToString());
        const string phone = "+393331230019";
        var conversationId = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated(phone));
        var started = await Host.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IConversationGrain>(ConversationKey.Format(consultant.Id, ConversationKey.Simulated(phone))).StartFlowAsync(DefaultFlow.Id, CancellationToken.None);
        Assert.That(started.Outcome, Is.EqualTo(FlowStartOutcome.Started), started.Problem);
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "Finanza", buttonPayload = "finance" })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => (await flows.GetConversationFlowAsync(consultant.Id, conversationId)).Value?.StepId,
            step => step == "email", TimeSpan.FromSeconds(60), "the flow at the e-mail");

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");

        // Second question they got (the e-mail is third in the flow's list); then the booking question, and the slots only on Yes.
        await Assertions.Expect(page.GetByTestId("flow-step-chip")).ToHaveTextAsync("Flow: step 2 of up to 4");
        await page.GetByTestId("flow-step-chip").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-status")).ToContainTextAsync("waiting for the answer to \"Lasciami la tua email\" (step 2 of up to 4).");
    }

    [Test]
    public async Task On_an_italian_dashboard_the_header_says_dettagli_and_the_flow_step()
    {
        using var consultant = await Host.RegisterConsultantAsync("Percorso Chip");
        const string phone = "+393331230018";
        var grain = Host.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IConversationGrain>(ConversationKey.Format(consultant.Id, ConversationKey.Simulated(phone)));
        await grain.StartFlowAsync(DefaultFlow.Id, CancellationToken.None); // as the Guided flows page's preview does

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync($"/conversations/{ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated(phone))}");

        await Assertions.Expect(page.GetByTestId("toggle-details")).ToHaveTextAsync("Dettagli");
        await Assertions.Expect(page.GetByTestId("flow-step-chip")).ToHaveTextAsync("Percorso: passo 1 di massimo 5");
        await page.GetByTestId("flow-step-chip").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-status")).ToContainTextAsync("«Onboarding», in attesa della risposta a «Qual è il tuo obiettivo?» (passo 1 di massimo 5).");
        await Assertions.Expect(page.GetByTestId("stop-flow")).ToBeVisibleAsync();
        var newTag = page.Locator("[data-testid=new-tag] input, input[data-testid=new-tag]").First;
        await Assertions.Expect(newTag).ToHaveAttributeAsync("placeholder", "Nuova etichetta");
        Assert.That(await newTag.EvaluateAsync<bool>("e => { const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(e).font; return c.measureText(e.placeholder).width <= e.clientWidth; }"),
            Is.True, "the tag field's placeholder is not cut");
        await ScreenshotAsync(page, "conversation-flow-chip-italian");
    }
}
