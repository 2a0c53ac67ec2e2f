using Consultant.Grains.Flows;

namespace Consultant.Tests;

/// <summary>"Step n of m" counts the way the lead took (an option may skip steps), not the step's place in the flow's list.</summary>
public sealed class FlowProgressTests
{
    private static readonly DateTimeOffset At = new(2030, 12, 3, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The default flow, but Finance skips "tell me more": goal → (fitness: notes →) email → book → (yes: slot).</summary>
    private static FlowDefinition Branching()
    {
        var flow = DefaultFlow.Build();
        var goal = flow.Step("goal")!;
        var skipping = goal with { Options = [goal.OptionList[0], goal.OptionList[1] with { Next = "email" }] };
        return flow with { Steps = [skipping, .. flow.Steps.Skip(1)] };
    }

    private static LeadAnswer Picked(FlowDefinition flow, string stepId, string optionId) =>
        new(flow.Id, stepId, FlowAnswerField.None, optionId, optionId, At);

    [Test]
    public void A_lead_who_skipped_a_step_is_at_step_two_and_the_rest_depends_on_their_answers()
    {
        var flow = Branching();

        var progress = FlowProgress.Of(flow, "email", [Picked(flow, "goal", "finance")]);

        Assert.That(progress, Is.EqualTo(new FlowProgress(2, 3, 4)), "goal, email, book, and the slots only if they want to book");
    }

    [Test]
    public void The_default_flow_counts_its_steps_and_each_way_on()
    {
        var flow = DefaultFlow.Build();
        var fitness = Picked(flow, "goal", "fitness");

        Assert.Multiple(() =>
        {
            Assert.That(FlowProgress.Of(flow, "goal", []), Is.EqualTo(new FlowProgress(1, 4, 5)));
            Assert.That(FlowProgress.Of(flow, "book", [fitness]), Is.EqualTo(new FlowProgress(4, 4, 5)));
            Assert.That(FlowProgress.Of(flow, "slot", [fitness, Picked(flow, "book", "yes")]), Is.EqualTo(new FlowProgress(5, 5, 5)));
        });
    }

    [Test]
    public void A_step_the_answers_do_not_lead_to_has_no_number()
    {
        var flow = Branching();

        Assert.Multiple(() =>
        {
            Assert.That(FlowProgress.Of(flow, "notes", [Picked(flow, "goal", "finance")]), Is.Null, "finance skips it: the flow was changed since");
            Assert.That(FlowProgress.Of(flow, "email", []), Is.Null, "which option was picked is not known");
            Assert.That(FlowProgress.Of(flow, "nowhere", [Picked(flow, "goal", "fitness")]), Is.Null);
        });
    }
}
