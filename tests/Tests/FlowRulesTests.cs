using Consultant.Grains.Flows;

namespace Consultant.Tests;

/// <summary>What a saved flow is checked for: each refusal names the step (field and message), nothing else is refused.</summary>
public sealed class FlowRulesTests
{
    private static readonly Dictionary<string, string> Ask = new() { ["it"] = "Domanda?" };

    private static FlowOption Option(string id, string italian, string? next = null, string? spanish = null) =>
        new(id, spanish is null
            ? new Dictionary<string, string> { ["it"] = italian }
            : new Dictionary<string, string> { ["it"] = italian, ["es"] = spanish }, next);

    private static FlowDefinition Flow(params FlowStep[] steps) => new(Guid.NewGuid(), "Test", false, steps[0].Id, steps);

    private static IDictionary<string, string[]> Errors(FlowDefinition flow) => FlowRules.Validate(flow).ToDictionary();

    [Test]
    public void The_default_flow_passes_in_all_four_languages() =>
        Assert.That(Errors(DefaultFlow.Build()), Is.Empty);

    [Test]
    public void An_unknown_next_step_an_unreachable_step_and_a_loop_are_refused_naming_the_step()
    {
        var unknown = Flow(new FlowStep("goal", FlowAnswerType.Choice, Ask, [Option("a", "A", "nowhere")]));
        Assert.That(Errors(unknown)["steps[goal].options[1].next"].Single(),
            Is.EqualTo("Step \"goal\", option 1: the next step \"nowhere\" does not exist."));

        var unreachable = Flow(new FlowStep("first", FlowAnswerType.FreeText, Ask), new FlowStep("orphan", FlowAnswerType.FreeText, Ask));
        Assert.That(Errors(unreachable)["steps[orphan]"].Single(), Is.EqualTo("Step \"orphan\": no answer leads to it from the first step."));

        var loop = Flow(new FlowStep("one", FlowAnswerType.FreeText, Ask, Next: "two"), new FlowStep("two", FlowAnswerType.Email, Ask, Next: "one"));
        Assert.That(Errors(loop)["steps[two].next"].Single(), Does.StartWith("Step \"two\": it leads back to step \"one\""));
    }

    [Test]
    public void A_missing_italian_question_a_spanish_label_too_long_for_a_button_and_eleven_list_items_are_refused()
    {
        var flow = Flow(
            new FlowStep("goal", FlowAnswerType.Choice, new Dictionary<string, string> { ["en"] = "Goal?" },
                [Option("a", "Fitness", "list", spanish: "Entrenamiento personal completo")]),
            new FlowStep("list", FlowAnswerType.Choice, Ask,
                [.. Enumerable.Range(1, 11).Select(n => Option($"o{n}", $"Voce {n}"))], Display: FlowChoiceDisplay.List));

        var errors = Errors(flow);

        Assert.That(errors["steps[goal].question.it"].Single(), Is.EqualTo("Step \"goal\": write the question in Italian at least."));
        Assert.That(errors["steps[goal].options[1].title"].Single(), Does.StartWith("Step \"goal\" (es): Option 1").And.Contain("a button holds at most 20"));
        Assert.That(errors["steps[list].options"].Single(), Is.EqualTo("Step \"list\": 11 options; a list holds at most 10."));
    }

    [Test]
    public void One_mistake_is_reported_once_an_id_without_a_language_and_a_text_only_in_the_language_it_is_written_in()
    {
        var flow = Flow(new FlowStep("goal", FlowAnswerType.Choice, new Dictionary<string, string> { ["it"] = "Obiettivo?", ["en"] = "Goal?" },
        [
            Option("a", "Fitness"),
            Option("a", "Finanza"), // the same id: one mistake, whatever the language
            Option("c", "Salute e benessere a tutto tondo"), // too long in Italian; en, es and fr send the Italian
        ]));

        var errors = Errors(flow);

        Assert.That(errors["steps[goal].options[2].id"], Is.EqualTo(new[] { "Step \"goal\": Option 2 (\"Finanza\"): the id \"a\" is used by another option." }));
        Assert.That(errors["steps[goal].options[3].title"].Single(), Does.StartWith("Step \"goal\" (it): Option 3").And.Contain("a button holds at most 20"));
        Assert.That(errors.SelectMany(pair => pair.Value).ToList(), Has.Count.EqualTo(2), string.Join("\n", errors.SelectMany(pair => pair.Value)));
    }

    [Test]
    public void Empty_parts_are_refused_in_words_not_with_a_crash()
    {
        var errors = FlowRules.ValidateAll([null!, new FlowDefinition(Guid.NewGuid(), "", false, null!, [null!])]).ToDictionary();

        Assert.That(errors["flows[1]"].Single(), Is.EqualTo("Flow 1 is empty."));
        Assert.That(errors["flows[2].name"].Single(), Is.EqualTo("Give the flow a name."));
        Assert.That(errors["flows[2].steps"].Single(), Is.EqualTo("A step is empty."));
        var options = FlowRules.Validate(Flow(new FlowStep("goal", FlowAnswerType.Choice, Ask, [null!]))).ToDictionary();
        Assert.That(options["steps[goal].options"].Single(), Is.EqualTo("Step \"goal\": an option is empty."));
    }

    [Test]
    public void Answers_are_read_as_their_type_and_a_person_or_stop_leaves_the_flow()
    {
        Assert.That(FlowAnswerRules.Check(FlowAnswerType.Email, " Anna.B@Example.it "), Is.EqualTo("anna.b@example.it"));
        Assert.That(FlowAnswerRules.Check(FlowAnswerType.Email, "anna at example"), Is.Null);
        Assert.That(FlowAnswerRules.Check(FlowAnswerType.Phone, "+39 347 123 4567"), Is.EqualTo("+393471234567"));
        Assert.That(FlowAnswerRules.Check(FlowAnswerType.Date, "27/11/2026"), Is.EqualTo("2026-11-27"));
        Assert.That(FlowAnswerRules.Check(FlowAnswerType.Date, "domani"), Is.Null);
        Assert.That(FlowAnswerRules.LeavesTheFlow("Operatore!"), Is.True);
        Assert.That(FlowAnswerRules.LeavesTheFlow("stop"), Is.True);
        Assert.That(FlowAnswerRules.LeavesTheFlow("Fitness"), Is.False);
        Assert.That(FlowAnswerRules.LooksLikeQuestion("Quanto costa?"), Is.True);
        Assert.That(FlowAnswerRules.LooksLikeQuestion("Voglio dimagrire"), Is.False);
    }
}
