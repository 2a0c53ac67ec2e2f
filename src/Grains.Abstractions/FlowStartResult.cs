namespace Consultant.Grains.Abstractions;

/// <summary>Starting a guided flow by hand: the outcome, where the conversation now is (when started), and why not in words.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.FlowStartResult")]
public sealed record FlowStartResult(
    [property: Id(0)] FlowStartOutcome Outcome,
    [property: Id(1)] FlowPosition? Position,
    [property: Id(2)] string? Problem)
{
    public bool Started => Outcome == FlowStartOutcome.Started;
}
