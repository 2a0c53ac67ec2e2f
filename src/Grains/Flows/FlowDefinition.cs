namespace Consultant.Grains.Flows;

/// <summary>
/// A guided flow: its steps, the first one (<see cref="StartStepId"/>) and whether it starts by itself for a new
/// lead's first message (<see cref="StartsForNewLeads"/>; at most one of a consultant's flows). Validated by
/// <see cref="FlowRules"/> before it is saved.
/// </summary>
public sealed record FlowDefinition(Guid Id, string Name, bool StartsForNewLeads, string StartStepId, IReadOnlyList<FlowStep> Steps)
{
    public FlowStep? Step(string? id) => id is null ? null : Steps.FirstOrDefault(s => s.Id == id);
}
