using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Flows;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Guided flows page as a new consultant meets it (review 17): a refused save reported once per mistake and made
/// visible, ids generated and kept under Advanced, what the lead gets at the end, options grouped on a phone, the
/// preview's banner, an edited flow not lost by leaving the page, by another flow's tab or by a new flow.
/// </summary>
public sealed class FlowsPageReviewTests : BrowserFixture
{
    private FlowService Flows => Host.Services.GetRequiredService<FlowService>();

    [Test]
    public async Task A_refused_save_reports_each_mistake_once_in_a_toast_and_brings_the_first_field_in_error_into_view()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Refusal");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        await page.GetByTestId("save-flow").ClickAsync();
        var toasts = page.Locator(".mud-snackbar");
        await Assertions.Expect(toasts.Filter(new() { HasTextRegex = new("^Saved$") })).ToBeVisibleAsync();

        // Two mistakes at the first step: a repeated id (no language) and an Italian text too long for a button (the
        // other languages left empty send the Italian: still one mistake).
        var goal = Step(page, "goal");
        await page.GetByTestId("show-advanced").ClickAsync();
        var secondId = Field(goal.GetByTestId("flow-option").Nth(1), "option-id");
        await secondId.FillAsync("fitness");
        await secondId.PressAsync("Tab");
        await goal.GetByTestId("add-option").ClickAsync();
        var third = Field(goal.GetByTestId("flow-option").Nth(2), "option-label-it");
        await third.FillAsync("Salute e benessere a tutto tondo");
        await third.PressAsync("Tab");
        await page.GetByTestId("save-flow").ScrollIntoViewIfNeededAsync();
        await page.GetByTestId("save-flow").ClickAsync();

        await Assertions.Expect(toasts.Filter(new() { HasText = "Not saved: 2 mistakes, marked in red." })).ToBeVisibleAsync();
        await Assertions.Expect(toasts.Filter(new() { HasTextRegex = new("^Saved$") })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("flow-error")).ToHaveCountAsync(2);
        var errors = goal.GetByTestId("option-error");
        await Assertions.Expect(errors).ToHaveTextAsync(new[] { new System.Text.RegularExpressions.Regex("^Option 2 \\(\"Finanza\"\\): the id \"fitness\" is used"), new("^Option 3 .*a button holds at most 20") });
        await Assertions.Expect(errors.First).ToBeInViewportAsync();

        // The error has a line of its own: the option's fields stay on one line.
        var option = goal.GetByTestId("flow-option").Nth(2);
        var label = await Field(option, "option-label-it").BoundingBoxAsync();
        var next = await option.GetByTestId("option-next").BoundingBoxAsync();
        Assert.That(Math.Abs(label!.Y - next!.Y), Is.LessThan(12), "the option's text and Then on one line");
        Assert.That((await Flows.ListAsync(consultant.Id)).Single().Step("goal")!.OptionList, Has.Count.EqualTo(2), "nothing saved");
        await ScreenshotAsync(page, "flows-refused-once");

        // Corrected and saved: "Saved" replaces the refusal's toast.
        await secondId.FillAsync("finance");
        await secondId.PressAsync("Tab");
        await third.FillAsync("Salute");
        await third.PressAsync("Tab");
        await page.GetByTestId("save-flow").ClickAsync();
        await Assertions.Expect(toasts.Filter(new() { HasTextRegex = new("^Saved$") })).ToBeVisibleAsync();
        await Assertions.Expect(toasts.Filter(new() { HasText = "Not saved" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_save_that_fails_replaces_the_last_saves_toast_and_failing_again_and_again_shows_one_message()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Failing Save");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var save = page.GetByTestId("save-flow");
        var toasts = page.Locator(".mud-snackbar");
        await save.ClickAsync();
        await Assertions.Expect(toasts.Filter(new() { HasTextRegex = new("^Saved$") })).ToBeVisibleAsync();

        // The database refuses this consultant's flows (a server error, not a refusal); a sequence counts the attempts,
        // as it is not rolled back with them.
        var name = "refuse_flows_" + consultant.Id.ToString("N");
        await Db.ExecuteAsync(Host.ConnectionString, $"""
            CREATE SEQUENCE {name}_attempts;
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM nextval('{name}_attempts'); RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER {name} BEFORE INSERT ON whatsapp_flows FOR EACH ROW
              WHEN (NEW.consultant_id = '{consultant.Id}') EXECUTE FUNCTION {name}();
            """);
        var failed = toasts.Filter(new() { HasText = "Could not save: try again in a moment." });
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await save.ClickAsync();
            await Poll.UntilAsync(() => Db.ScalarAsync<long>(Host.ConnectionString, $"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {name}_attempts"),
                tried => tried == attempt, TimeSpan.FromSeconds(30), $"save attempt {attempt} to reach the database");
            // Waited for, not read once: the attempt reaches the database before the page has shown its failure (a CI
            // run read no message yet, the button not yet disabled for the save).
            await Assertions.Expect(failed).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(toasts).ToHaveCountAsync(1); // the earlier "Saved" is gone: it no longer holds
            await Assertions.Expect(save).ToBeEnabledAsync();
        }

        await ScreenshotAsync(page, "flows-save-failed-once");
        await Db.ExecuteAsync(Host.ConnectionString, $"DROP TRIGGER {name} ON whatsapp_flows; DROP FUNCTION {name}(); DROP SEQUENCE {name}_attempts;");
        await save.ClickAsync();
        await Assertions.Expect(toasts.Filter(new() { HasTextRegex = new("^Saved$") })).ToBeVisibleAsync();
        await Assertions.Expect(failed).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Ids_are_under_advanced_a_new_option_takes_its_id_from_its_text_and_the_fields_say_what_they_are()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Ids");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var goal = Step(page, "goal");
        await Assertions.Expect(goal).ToContainTextAsync("Answer type");
        await Assertions.Expect(Step(page, "email")).ToContainTextAsync("Ask again if the answer is not valid (max)");
        await Assertions.Expect(page.GetByTestId("step-id")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("option-id")).ToHaveCountAsync(0);

        await goal.GetByTestId("add-option").ClickAsync();
        var third = Field(goal.GetByTestId("flow-option").Nth(2), "option-label-it");
        await third.FillAsync("Salute e benessere");
        await third.PressAsync("Tab");
        await page.GetByTestId("save-flow").ClickAsync();

        await Poll.UntilAsync(() => Flows.ListAsync(consultant.Id), flows => flows.Single().Step("goal")!.OptionList.Count == 3,
            TimeSpan.FromSeconds(30), "the third option saved");
        Assert.That((await Flows.ListAsync(consultant.Id)).Single().Step("goal")!.OptionList[2].Id, Is.EqualTo("salute-e-benessere"));
        await page.GetByTestId("show-advanced").ClickAsync();
        await Assertions.Expect(Field(goal, "step-id")).ToHaveValueAsync("goal");
        await Assertions.Expect(Field(goal, "option-id").Nth(2)).ToHaveValueAsync("salute-e-benessere");
        await Assertions.Expect(goal).ToContainTextAsync("Sent back when the button is tapped");
    }

    [Test]
    public async Task What_the_lead_gets_at_the_end_is_shown_in_italian_and_on_a_phone_each_option_is_a_box_of_its_own()
    {
        using var consultant = await Host.RegisterConsultantAsync("Percorso Fine");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var book = Step(page, "book");
        await Assertions.Expect(book).ToContainTextAsync("Tipo di risposta");
        await Assertions.Expect(book.GetByTestId("flow-option").Nth(1).GetByTestId("option-end-text"))
            .ToHaveTextAsync("Poi il contatto riceve «Grazie! Ci sentiamo presto.» e il percorso finisce.");
        await Assertions.Expect(book.GetByTestId("flow-option").Nth(0).GetByTestId("option-end-text")).ToHaveCountAsync(0);
        await Assertions.Expect(Step(page, "slot").GetByTestId("booking-texts")).ToContainTextAsync("«Un altro orario»");
        await Assertions.Expect(Step(page, "slot").GetByTestId("booking-texts")).ToContainTextAsync("Il consulente ti proporrà un orario.");

        await page.SetViewportSizeAsync(390, 844);
        var options = Step(page, "goal").GetByTestId("flow-option");
        Assert.That(await options.First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth"), Is.EqualTo("1px"));
        var first = await options.Nth(0).BoundingBoxAsync();
        var next = await options.Nth(0).GetByTestId("option-next").BoundingBoxAsync();
        Assert.That(next!.Y + next.Height, Is.LessThanOrEqualTo(first!.Y + first.Height), "an option's Then inside its own box");
        await ScreenshotAsync(page, "flows-phone-options");
    }

    [Test]
    public async Task The_preview_says_which_flow_it_is_restarts_and_leads_back_to_the_flow()
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Preview Banner");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        await page.GetByTestId("preview-flow").ClickAsync();

        var banner = page.GetByTestId("flow-preview-banner");
        await Assertions.Expect(banner).ToContainTextAsync("Preview of the flow \"Onboarding\"");
        var chat = page.GetByTestId("simulator-messages");
        await Assertions.Expect(chat.GetByTestId("message-option")).ToHaveTextAsync(["Fitness", "Finanza"]);
        await chat.GetByTestId("message-option").Filter(new() { HasText = "Fitness" }).ClickAsync();
        await Assertions.Expect(chat).ToContainTextAsync("Raccontami di più");

        var lead = page.Url;
        var number = page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First;
        var leadNumber = await number.InputValueAsync();
        await page.GetByTestId("preview-restart").ClickAsync();
        await Assertions.Expect(chat.GetByTestId("message")).ToHaveCountAsync(1);
        await Assertions.Expect(chat).ToContainTextAsync("Qual è il tuo obiettivo?");
        await ScreenshotAsync(page, "simulator-flow-preview");

        // The same test lead from the start again, not another lead in the Inbox; its earlier answer forgotten.
        await Assertions.Expect(number).ToHaveValueAsync(leadNumber);
        await page.GetByTestId("preview-restart").ClickAsync();
        await Assertions.Expect(chat.GetByTestId("message")).ToHaveCountAsync(1);
        var conversations = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations");
        Assert.That(conversations.GetProperty("total").GetInt32(), Is.EqualTo(1), "one simulated lead, however often the preview restarts");
        var id = conversations.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.That((await Flows.GetConversationFlowAsync(consultant.Id, id)).Value!.Answers.All, Is.Empty, "the earlier run's answers are forgotten");

        await page.GetByTestId("preview-back").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/flows?flow=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("flow-step")).ToHaveCountAsync(5);
        Assert.That(lead, Does.Contain("flow="));
    }

    [TestCase(null, "Unsaved changes", "Leave without saving?", "Your changes to this flow are not saved", "Stay", "Leave without saving")]
    [TestCase("it-IT", "Modifiche non salvate", "Uscire senza salvare?", "Le modifiche a questo percorso non sono salvate", "Resta", "Esci senza salvare")]
    public async Task Leaving_an_edited_flow_asks_first_staying_keeps_the_edit_and_a_saved_flow_leaves_without_asking(
        string? locale, string unsaved, string question, string whatIsLost, string stay, string leave)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Unsaved " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var text = Field(Step(page, "notes"), "step-question-it");
        await Assertions.Expect(text).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToHaveCountAsync(0);

        // A question changed inside a step: the page marks the flow.
        await text.FillAsync("Raccontami del tuo obiettivo");
        await text.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToHaveTextAsync(unsaved);

        // Leaving asks first; Stay keeps the page and the edit.
        await page.Locator("a[href='/conversations']").First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync(question);
        await Assertions.Expect(dialog).ToContainTextAsync(whatIsLost);
        await dialog.GetByRole(AriaRole.Button, new() { Name = stay, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/flows"));
        await Assertions.Expect(text).ToHaveValueAsync("Raccontami del tuo obiettivo");
        await ScreenshotAsync(page, "flows-unsaved-" + (locale ?? "en"));

        // Leave without saving: gone, as asked.
        await page.Locator("a[href='/conversations']").First.ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(whatIsLost);
        await dialog.GetByRole(AriaRole.Button, new() { Name = leave, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/conversations");
        Assert.That((await Flows.ListAsync(consultant.Id)).Single().Step("notes")!.Question["it"], Is.Not.EqualTo("Raccontami del tuo obiettivo"), "nothing saved");
        await page.GotoAsync("/flows");
        await Assertions.Expect(text).Not.ToHaveValueAsync("Raccontami del tuo obiettivo");

        // Saved: no mark, and leaving asks nothing.
        await text.FillAsync("Raccontami del tuo obiettivo");
        await text.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToBeVisibleAsync();
        await page.GetByTestId("save-flow").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToHaveCountAsync(0);
        await page.Locator("a[href='/conversations']").First.ClickAsync();
        await page.WaitForURLAsync("**/conversations");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [TestCase(null, "New flow", "Leave without saving?", "Stay", "Leave without saving")]
    [TestCase("it-IT", "Nuovo percorso", "Uscire senza salvare?", "Resta", "Esci senza salvare")]
    public async Task Another_flows_tab_or_a_new_flow_asks_first_when_the_flow_is_edited_and_staying_keeps_the_edit(
        string? locale, string newFlow, string question, string stay, string leave)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Tabs " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var text = Field(Step(page, "notes"), "step-question-it");
        await text.FillAsync("Raccontami del tuo obiettivo");
        await text.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToBeVisibleAsync();
        var tabs = page.GetByTestId("flow-tab");
        var dialog = page.GetByRole(AriaRole.Dialog);

        // "New flow" asks as leaving the page does; Stay keeps the edited flow.
        await page.GetByTestId("new-flow").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(question);
        await dialog.GetByRole(AriaRole.Button, new() { Name = stay, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(tabs).ToHaveCountAsync(1);
        await Assertions.Expect(text).ToHaveValueAsync("Raccontami del tuo obiettivo");

        // Leave without saving: the new flow, the edit lost as asked.
        await page.GetByTestId("new-flow").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = leave, Exact = true }).ClickAsync();
        await Assertions.Expect(tabs).ToHaveCountAsync(2);
        var name = Field(page.Locator("body"), "flow-name");
        await Assertions.Expect(name).ToHaveValueAsync(newFlow);

        // The new flow is not saved at all: the other flow's tab asks too; Stay keeps it, Leave opens the saved flow.
        await name.FillAsync("Open day");
        await name.PressAsync("Tab");
        await tabs.First.ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(question);
        await dialog.GetByRole(AriaRole.Button, new() { Name = stay, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(name).ToHaveValueAsync("Open day");
        await tabs.First.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = leave, Exact = true }).ClickAsync();
        await Assertions.Expect(tabs).ToHaveCountAsync(1);
        await Assertions.Expect(text).Not.ToHaveValueAsync("Raccontami del tuo obiettivo");
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToHaveCountAsync(0);
        Assert.That((await Flows.ListAsync(consultant.Id)).Select(flow => flow.Name), Is.EqualTo(new[] { DefaultFlow.Build().Name }), "nothing saved");
    }

    [TestCase("en-US", "Give the flow a name.", "Not saved: 1 mistake, marked in red.", "Step 3: write the question in Italian at least.", "Not saved: 2 mistakes, marked in red.")]
    [TestCase("it-IT", "Dai un nome al percorso.", "Non salvato: 1 errore, segnato in rosso.", "Passo 3: scrivi la domanda almeno in italiano.", "Non salvato: 2 errori, segnati in rosso.")]
    public async Task The_summary_lists_exactly_the_mistakes_the_toast_counts_an_empty_name_too_and_a_step_by_its_number(
        string locale, string nameMessage, string oneMistake, string stepMessage, string twoMistakes)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flow Nameless");
        var page = await NewPageAsync(locale: locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        var name = Field(page.Locator("body"), "flow-name");
        await name.FillAsync("");
        await name.PressAsync("Tab");
        await page.GetByTestId("save-flow").ClickAsync();

        // One mistake counted and that one listed in the summary (the name counted but not listed read "1 mistake" over an empty list), and said under the name.
        var toasts = page.Locator(".mud-snackbar");
        await Assertions.Expect(toasts.Filter(new() { HasText = oneMistake })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("flow-error")).ToHaveTextAsync(new[] { nameMessage });
        var control = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("[data-testid=flow-name]") }).First;
        await Assertions.Expect(control).ToContainTextAsync(nameMessage);
        await Assertions.Expect(control).ToBeInViewportAsync();

        // A step's mistake beside it: two counted, the same two listed, the step by its number as its editor is headed, not its id.
        var question = Field(Step(page, "email"), "step-question-it");
        await question.FillAsync("");
        await question.PressAsync("Tab");
        await page.GetByTestId("save-flow").ClickAsync();
        await Assertions.Expect(toasts.Filter(new() { HasText = twoMistakes })).ToBeVisibleAsync();
        await Assertions.Expect(toasts).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("flow-error")).ToHaveTextAsync(new[] { nameMessage, stepMessage });
        await Assertions.Expect(page.GetByTestId("flow-errors")).Not.ToContainTextAsync("email");
        await Assertions.Expect(Step(page, "email").Locator("h6, .mud-typography-subtitle1").First).ToContainTextAsync(stepMessage.Split(':')[0]);
        await ScreenshotAsync(page, "flows-summary-" + locale);
        Assert.That((await Flows.ListAsync(consultant.Id)).Select(flow => flow.Name), Is.EqualTo(new[] { DefaultFlow.Build().Name }), "nothing saved");
    }

    private static ILocator Step(IPage page, string id) => page.Locator($"[data-testid=flow-step][data-step={id}]");

    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");
}
