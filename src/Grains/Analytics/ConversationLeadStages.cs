using Consultant.Grains.Common;
using Consultant.Grains.Inbox;

namespace Consultant.Grains.Analytics;

/// <summary>
/// A lead's stage as the chat header and the API show and set it. The consultant moves a lead forward by hand (recorded
/// as a transition like any other, source "consultant"); a stage reached is never taken back, and a client's
/// conversation has no stage.
/// </summary>
public sealed class ConversationLeadStages(ConversationRepository conversations, LeadStageEvents events, LeadFunnel funnel)
{
    public async Task<Result<LeadStageView>> GetAsync(Guid consultantId, Guid conversationId) =>
        await conversations.FindAsync(consultantId, conversationId) is { } found
            ? LeadStageView.Of(conversationId, await events.ListAsync(consultantId, found.Conversation.ContactPhone))
            : Problem.NotFound();

    /// <param name="stage">new, engaged, qualified, booked or converted.</param>
    public async Task<Result<LeadStageView>> SetAsync(Guid consultantId, Guid conversationId, string? stage)
    {
        if (LeadStage.Find(stage) is not { } chosen)
        {
            return Problem.Invalid("stage", $"A lead's stage is {LeadStage.AllText}.");
        }

        if (await conversations.FindAsync(consultantId, conversationId) is not { } found)
        {
            return Problem.NotFound();
        }

        if (!found.Conversation.IsLead)
        {
            return Problem.Conflict("Not a lead", "stage",
                "This conversation is a client's: only leads have a stage in the funnel.");
        }

        var phone = found.Conversation.ContactPhone;
        var current = LeadStageView.Of(conversationId, await events.ListAsync(consultantId, phone));
        if (LeadStage.Rank(chosen) < LeadStage.Rank(current.Stage))
        {
            return Problem.Conflict("Stage already passed", "stage",
                $"This lead is already {current.Stage}: a stage reached is not taken back.");
        }

        await funnel.MarkAsync(consultantId, phone, chosen, LeadStageSource.Consultant);
        return LeadStageView.Of(conversationId, await events.ListAsync(consultantId, phone));
    }
}
