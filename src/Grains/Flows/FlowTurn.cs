using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Flows;

/// <summary>
/// What one turn of a flow did: where the conversation is now (null: the flow ended or was handed over), what it
/// sent, and whether the AI answers this batch instead (<see cref="HandToAi"/>: "operatore", STOP, an unrelated question).
/// </summary>
public sealed record FlowTurn(FlowPosition? Position, FlowSent Sent, bool HandToAi = false)
{
    public static FlowTurn HandOver => new(null, FlowSent.Nothing, HandToAi: true);
}
