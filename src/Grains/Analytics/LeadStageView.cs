namespace Consultant.Grains.Analytics;

/// <summary>
/// A lead's place in the funnel: the furthest <paramref name="Stage"/> reached (null: not a lead, or nothing recorded
/// yet) and every stage recorded, first stage first.
/// </summary>
public sealed record LeadStageView(Guid ConversationId, string? Stage, IReadOnlyList<LeadStageEvent> Stages)
{
    public static LeadStageView Of(Guid conversationId, IReadOnlyList<LeadStageEvent> stages) =>
        new(conversationId, stages.MaxBy(e => LeadStage.Rank(e.Stage))?.Stage, stages);
}
