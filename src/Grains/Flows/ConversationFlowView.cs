namespace Consultant.Grains.Flows;

/// <summary>
/// A conversation's guided flow for the dashboard and the API: the flow running (null: none, or it ended or
/// expired), its name, the step waiting for an answer, when it started and when it expires without an answer, and
/// what the lead answered in any flow. <see cref="Progress"/>: where the step is on the way the lead took (null when
/// no flow runs, or the way cannot be told).
/// </summary>
public sealed record ConversationFlowView(
    Guid? FlowId, string? FlowName, string? StepId, DateTimeOffset? StartedAt, DateTimeOffset? ExpiresAt, LeadAnswers Answers,
    FlowProgress? Progress = null);
