using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Flows;

/// <summary>
/// What one turn of a flow did: where the conversation is now (null: the flow ended or was handed over), what it
/// sent, whether the AI answers this batch instead (<see cref="HandToAi"/>: STOP, an unrelated question), and why the
/// consultant must reply (<see cref="ConsultantMustReply"/>: the contact asked for a person; null: nothing asks them).
/// </summary>
public sealed record FlowTurn(FlowPosition? Position, FlowSent Sent, bool HandToAi = false, string? ConsultantMustReply = null)
{
    public static FlowTurn HandOver => new(null, FlowSent.Nothing, HandToAi: true);
}
