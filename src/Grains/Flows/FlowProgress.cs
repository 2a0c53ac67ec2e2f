namespace Consultant.Grains.Flows;

/// <summary>
/// Where a lead is in a flow, counted along the way they took: an option may skip steps, so a step's place in the
/// flow's list says little. <see cref="Step"/>: the questions of this run they reached, the one waiting included;
/// the run ends after <see cref="Fewest"/> to <see cref="Most"/> questions in all, as their answers from here decide
/// (the same number when every way on is as long; "another time" or no free slot ends a booking step early).
/// </summary>
public sealed record FlowProgress(int Step, int Fewest, int Most)
{
    /// <param name="answers">The lead's answers, the latest per step: the options they picked tell the way they took.</param>
    /// <returns>Null when the way to the step cannot be told (the flow was changed since it asked, say).</returns>
    public static FlowProgress? Of(FlowDefinition flow, string stepId, IReadOnlyList<LeadAnswer> answers)
    {
        var before = 0;
        var passed = new HashSet<string>();
        for (var at = flow.Step(flow.StartStepId); at?.Id != stepId; at = flow.Step(WayTaken(flow, at, answers)))
        {
            if (at is null || !passed.Add(at.Id))
            {
                return null;
            }

            before++;
        }

        var (fewest, most) = StepsFrom(flow, flow.Step(stepId)!, []);
        return new FlowProgress(before + 1, before + fewest, before + most);
    }

    /// <summary>The step a lead went on to: a choice step's by the option they picked (null: not known), any other's its next.</summary>
    private static string? WayTaken(FlowDefinition flow, FlowStep step, IReadOnlyList<LeadAnswer> answers)
    {
        if (step.AnswerType != FlowAnswerType.Choice)
        {
            return step.Next;
        }

        var picked = answers.LastOrDefault(a => a.FlowId == flow.Id && a.StepId == step.Id)?.Value;
        return step.OptionList.FirstOrDefault(o => o.Id == picked)?.Next;
    }

    /// <summary>How many questions are left from <paramref name="step"/> on, itself included: the shortest and the longest way.</summary>
    private static (int Fewest, int Most) StepsFrom(FlowDefinition flow, FlowStep step, HashSet<string> visiting)
    {
        if (!visiting.Add(step.Id))
        {
            return (0, 0); // a loop: the rules refuse it when the flow is saved
        }

        var after = WaysOn(step).Select(next => flow.Step(next) is { } following ? StepsFrom(flow, following, visiting) : (0, 0)).ToList();
        visiting.Remove(step.Id);
        return (1 + after.Min(a => a.Item1), 1 + after.Max(a => a.Item2));
    }

    /// <summary>Where an answer to the step may lead (null: the end).</summary>
    private static IEnumerable<string?> WaysOn(FlowStep step) => step.AnswerType switch
    {
        FlowAnswerType.Choice when step.OptionList.Count > 0 => step.OptionList.Select(o => o.Next).Distinct(),
        FlowAnswerType.Booking => new[] { null, step.Next }.Distinct(), // "another time" or nothing free ends it
        _ => [step.Next],
    };
}
