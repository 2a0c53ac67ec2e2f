using Consultant.Grains.Flows;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The Guided flows page: the built-in flow, editing and saving, WhatsApp's limits, the refusals at the step named, the preview.</summary>
public sealed class FlowsPageTests : BrowserFixture
{
    private FlowService Flows => Host.Services.GetRequiredService<FlowService>();

    [Test]
    public async Task The_default_flow_is_shown_with_its_steps_questions_and_buttons()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Viewer");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GetByTestId("flows-link").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Guided flows" })).ToBeVisibleAsync();
        var steps = page.GetByTestId("flow-step");
        await Assertions.Expect(steps).ToHaveCountAsync(5);
        Assert.That(await steps.EvaluateAllAsync<string[]>("all => all.map(s => s.dataset.step)"), Is.EqualTo(new[] { "goal", "notes", "email", "book", "slot" }));
        await Assertions.Expect(Field(Step(page, "goal"), "step-question-it")).ToHaveValueAsync("Qual è il tuo obiettivo?");
        var labels = Field(Step(page, "goal"), "option-label-it");
        await Assertions.Expect(labels).ToHaveCountAsync(2);
        await Assertions.Expect(labels.Nth(0)).ToHaveValueAsync("Fitness");
        await Assertions.Expect(labels.Nth(1)).ToHaveValueAsync("Finanza");
        await Assertions.Expect(Step(page, "goal")).ToContainTextAsync("Pick one of the options");
        await Assertions.Expect(Step(page, "email")).ToContainTextAsync("E-mail address (checked)");
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Starts by itself for every new lead" })).ToBeCheckedAsync();
        await ScreenshotAsync(page, "flows-default");
    }

    [Test]
    public async Task An_edited_question_is_saved_and_shown_again()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Editor");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");

        var question = Field(Step(page, "notes"), "step-question-it");
        await question.FillAsync("Raccontami del tuo obiettivo");
        await question.PressAsync("Tab");
        await page.GetByTestId("save-flow").ClickAsync();

        await Poll.UntilAsync(() => Flows.ListAsync(consultant.Id), flows => flows.Single().Step("notes")!.Question["it"] == "Raccontami del tuo obiettivo",
            TimeSpan.FromSeconds(30), "the edited question saved");
        var saved = (await Flows.ListAsync(consultant.Id)).Single();
        Assert.That(saved.Step("notes")!.Question["en"], Is.EqualTo("Tell me more"), "the other languages are kept");
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToHaveCountAsync(0); // saved: reloading asks nothing
        await page.ReloadAsync();
        await Assertions.Expect(Field(Step(page, "notes"), "step-question-it")).ToHaveValueAsync("Raccontami del tuo obiettivo");
    }

    [Test]
    public async Task A_fourth_button_cannot_be_added_and_a_save_with_four_names_the_step_at_its_options()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Limits");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var goal = Step(page, "goal");

        await goal.GetByTestId("add-option").ClickAsync();
        await Assertions.Expect(goal.GetByTestId("flow-option")).ToHaveCountAsync(3);
        await Assertions.Expect(goal.GetByTestId("add-option")).ToBeDisabledAsync();
        await Assertions.Expect(goal.GetByTestId("option-limit")).ToContainTextAsync("at most 3 buttons");

        // As a list a fourth fits; shown as buttons again, the save is refused at that step.
        await goal.GetByTestId("step-display").ClickAsync();
        await PickAsync(page, "A list (up to 10)", goal.GetByTestId("step-display"));
        await goal.GetByTestId("add-option").ClickAsync();
        await Assertions.Expect(goal.GetByTestId("flow-option")).ToHaveCountAsync(4);
        await goal.GetByTestId("step-display").ClickAsync();
        await PickAsync(page, "Buttons (up to 3)", goal.GetByTestId("step-display"));
        await Assertions.Expect(goal.GetByTestId("add-option")).ToBeDisabledAsync();
        await page.GetByTestId("save-flow").ClickAsync();

        const string refusal = "Step 1: 4 buttons; a WhatsApp message holds at most 3"; // as the step is headed: its id is hidden under Advanced
        await Assertions.Expect(goal.GetByTestId("options-error")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^4 buttons; a WhatsApp message holds at most 3")); // the step around it names it
        await Assertions.Expect(page.GetByTestId("flow-errors")).ToContainTextAsync(refusal);
        await Assertions.Expect(page.GetByTestId("flow-errors")).Not.ToContainTextAsync("goal");
        Assert.That((await Flows.ListAsync(consultant.Id)).Single().Step("goal")!.OptionList, Has.Count.EqualTo(2), "nothing saved");
        await ScreenshotAsync(page, "flows-four-buttons");
    }

    [Test]
    public async Task A_question_without_italian_is_refused_at_that_step_in_italian_on_an_italian_dashboard()
    {
        using var consultant = await Host.RegisterConsultantAsync("Percorso Italiano");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GetByTestId("flows-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Percorsi guidati" })).ToBeVisibleAsync();
        await Assertions.Expect(Step(page, "goal")).ToContainTextAsync("Scelta tra opzioni");

        var question = Field(Step(page, "email"), "step-question-it");
        await question.FillAsync("");
        await question.PressAsync("Tab");
        await page.GetByTestId("save-flow").ClickAsync();

        const string refusal = "Passo 3: scrivi la domanda almeno in italiano."; // the third step, as its editor is headed
        await Assertions.Expect(Step(page, "email")).ToContainTextAsync("Scrivi la domanda almeno in italiano."); // under the field: the step is around it
        await Assertions.Expect(Step(page, "email")).Not.ToContainTextAsync("Passo «email»");
        await Assertions.Expect(page.GetByTestId("flow-errors")).ToContainTextAsync(refusal);
        await Assertions.Expect(page.GetByTestId("flow-errors")).Not.ToContainTextAsync("«email»");
        await ScreenshotAsync(page, "flows-italian-refusal");
    }

    [Test]
    public async Task Preview_opens_the_simulator_with_a_new_lead_at_the_first_question()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Preview");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");

        await page.GetByTestId("preview-flow").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/simulator?lead=", StringComparison.Ordinal));
        var chat = page.GetByTestId("simulator-messages");
        await Assertions.Expect(chat).ToContainTextAsync("Qual è il tuo obiettivo?");
        await Assertions.Expect(chat.GetByTestId("message-option")).ToHaveTextAsync(["Fitness", "Finanza"]);
    }

    [TestCase(null, "Tell me more", "Step 3: Leave me your email", "Yes")]
    [TestCase("it-IT", null, "Passo 3: Lasciami la tua email", "Sì")]
    public async Task The_built_in_flows_texts_are_shown_in_the_dashboards_language_beside_the_italian_every_step_needs(
        string? locale, string? pageLanguageQuestion, string next, string yes)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Reader " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");

        var notes = Step(page, "notes");
        await Assertions.Expect(Field(notes, "step-question-it")).ToHaveValueAsync("Raccontami di più");
        if (pageLanguageQuestion is null)
        {
            await Assertions.Expect(Field(notes, "step-question-en")).ToHaveCountAsync(0); // an Italian dashboard: the Italian alone
        }
        else
        {
            await Assertions.Expect(Field(notes, "step-question-en")).ToHaveValueAsync(pageLanguageQuestion);
        }

        await Assertions.Expect(notes.GetByTestId("step-next")).ToContainTextAsync(next); // the next step named in the page's language
        var bookOptions = Step(page, "book").GetByTestId("flow-option");
        await Assertions.Expect(Field(bookOptions.Nth(0), "option-label-" + (locale is null ? "en" : "it"))).ToHaveValueAsync(yes);
        await ScreenshotAsync(page, "flows-default-" + (locale ?? "en"));
    }

    private static ILocator Step(IPage page, string id) => page.Locator($"[data-testid=flow-step][data-step={id}]");

    /// <summary>A MudBlazor field's input or text area, wherever its test id landed.</summary>
    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");
}
