using Consultant.Grains.Abstractions;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Flows;

/// <summary>A batch answered by a flow or the AI: the outcome (null: the consultant took over) and the flow's position after it (null: none runs).</summary>
public sealed record FlowAnswered(BatchOutcome? Outcome, FlowPosition? Position);
