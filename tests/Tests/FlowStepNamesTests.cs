using System.Globalization;
using Consultant.Grains.Flows;
using Consultant.Web.Flows;
using Consultant.Web.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>
/// A refused flow as the Guided flows page sums it up: every mistake the toast counts (the flow's name too), each step
/// named by its number in the editor's list, never by the id hidden under Advanced, a language by its name; in
/// English and in Italian.
/// </summary>
public sealed class FlowStepNamesTests
{
    private static readonly IStringLocalizerFactory Localizers =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    private static Dictionary<string, string> Texts(string italian, string? english = null) =>
        english is null ? new() { ["it"] = italian } : new() { ["it"] = italian, ["en"] = english };

    /// <summary>No name; step "goal": an English option too long for a button; step "notes": no Italian question.</summary>
    private static FlowDefinition Refused() => new(Guid.NewGuid(), "  ", false, "goal",
    [
        new FlowStep("goal", FlowAnswerType.Choice, Texts("Obiettivo?"),
            [new FlowOption("fitness", Texts("Fitness"), "notes"), new FlowOption("finance", Texts("Finanza", "Personal finance and savings"), "notes")]),
        new FlowStep("notes", FlowAnswerType.FreeText, new Dictionary<string, string>()),
    ]);

    [Test]
    public void The_summary_lists_every_mistake_the_toast_counts_each_step_by_its_number_and_a_language_by_its_name()
    {
        var flow = Refused();
        var errors = FlowRules.Validate(flow).ToDictionary();

        var summary = InCulture("en-US", () => Names(FlowForm.From(flow)).Summary(new ServiceMessages(Shared()).Translate(errors)));

        Assert.That(summary, Is.EquivalentTo(new[]
        {
            "Give the flow a name.",
            "Step 1 (English): Option 2 (\"Personal finance and savings\"): the text has 28 characters; a button holds at most 20.",
            "Step 2: write the question in Italian at least.",
        }));
        Assert.That(summary, Has.Count.EqualTo(errors.SelectMany(pair => pair.Value).Distinct().Count()), "as many lines as the refusal has mistakes");
    }

    [Test]
    public void In_italian_the_steps_follow_the_list_as_it_is_now_and_a_step_led_back_to_is_named_by_its_number()
    {
        var looping = new FlowDefinition(Guid.NewGuid(), "Giro", false, "goal",
        [
            new FlowStep("goal", FlowAnswerType.FreeText, Texts("Obiettivo?"), Next: "notes"),
            new FlowStep("notes", FlowAnswerType.FreeText, Texts("Note?"), Next: "goal"),
        ]);
        var loopErrors = FlowRules.Validate(looping).ToDictionary();
        var refused = Refused();
        var form = FlowForm.From(refused);
        form.Move(form.Steps[1], -1); // "notes" moved to the top after the save was refused: it is step 1 on the page now

        var (loop, moved) = InCulture("it-IT", () =>
        {
            var translate = new ServiceMessages(Shared());
            return (Names(FlowForm.From(looping)).Summary(translate.Translate(loopErrors)),
                Names(form).Summary(translate.Translate(FlowRules.Validate(refused).ToDictionary())));
        });

        Assert.That(loop, Is.EqualTo(new[] { "Passo 2: riporta al passo 1, così il percorso non finirebbe mai." }));
        Assert.That(moved, Does.Contain("Passo 1: scrivi la domanda almeno in italiano."));
        Assert.That(moved, Does.Contain("Passo 2 (inglese): Opzione 2 («Personal finance and savings»): il testo ha 28 caratteri; un pulsante ne contiene al massimo 20."));
        Assert.That(moved, Does.Contain("Dai un nome al percorso."));
        Assert.That(loop.Concat(moved).Where(line => line.Contains("goal", StringComparison.Ordinal) || line.Contains("notes", StringComparison.Ordinal)),
            Is.Empty, "no step id shown");
    }

    [Test]
    public void A_step_that_is_not_in_the_form_stays_as_the_service_named_it()
    {
        var line = InCulture("en-US", () => Names(FlowForm.From(Refused())).InWords("Step \"goal\": the next step \"gone\" does not exist."));
        Assert.That(line, Is.EqualTo("Step 1: the next step \"gone\" does not exist."));
    }

    private static FlowStepNames Names(FlowForm form) =>
        new(form, new ServiceMessages(Shared()), new StringLocalizer<FlowsText>(Localizers));

    private static StringLocalizer<SharedText> Shared() => new(Localizers);

    private static T InCulture<T>(string name, Func<T> action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
