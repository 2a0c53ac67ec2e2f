namespace Consultant.Grains.Flows;

/// <summary>A consultant's flows, as the API reads and writes them (<c>GET/PUT /api/whatsapp/flows</c>).</summary>
public sealed record FlowList(IReadOnlyList<FlowDefinition> Flows);
