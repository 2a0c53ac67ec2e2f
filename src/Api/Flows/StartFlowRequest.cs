namespace Consultant.Api.Flows;

/// <summary>The body of <c>POST /api/whatsapp/conversations/{id}/flow</c>: which of the consultant's flows to start.</summary>
public sealed record StartFlowRequest(Guid? FlowId);
