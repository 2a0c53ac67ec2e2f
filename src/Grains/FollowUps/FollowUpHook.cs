using Consultant.Grains.Analytics;
using Consultant.Grains.Hooks;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// Follow-ups in a conversation: our answer (the AI's or the consultant's, never an automated message) anchors the
/// silence nudges on the contact's last message; any message from the contact moves the upcoming ones onto it in place
/// (<see cref="FollowUpSilence"/>: no history row; STOP cancels every follow-up) and is the reply to a follow-up sent
/// before it; taking the conversation over pauses its follow-ups at once, giving it back resumes them; marking it
/// handled plans a nudge held for the consultant's reply again at once, and a batch settling in need of that reply holds
/// its nudges at once; a refused
/// follow-up's status (131049/63049, 131050) is handled in <see cref="FollowUpStatusReactions"/>.
/// </summary>
public sealed class FollowUpHook(
    FollowUpSchedule schedule, FollowUpSilence silence, FollowUpReplyHold replyHold, FollowUpStatusReactions statuses, LeadFunnel funnel, TimeProvider time)
    : IConversationHook
{
    public async Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        int replied;
        if (message.OptedOut)
        {
            await schedule.CancelAsync(message.ConsultantId, message.Phone, FollowUpRuleKeys.All, FollowUpReasons.OptedOut, now);
            replied = await schedule.RecordRepliesAsync(message.ConsultantId, message.Phone, message.ReceivedAt);
        }
        else
        {
            replied = await silence.ContactWroteAsync(message.ConsultantId, message.Phone, message.ReceivedAt, now);
        }

        if (replied > 0 && message.FromLead)
        {
            await funnel.MarkAsync(message.ConsultantId, message.Phone, LeadStage.Engaged, LeadStageSource.Auto);
        }
    }

    public Task ReplySentAsync(SentReply reply, CancellationToken cancellationToken) =>
        reply.Author == ReplyAuthor.Automated || reply.Messages.Count == 0
            ? Task.CompletedTask
            : silence.AnchorAsync(reply.ConsultantId, reply.Phone, time.GetUtcNow());

    public Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken) =>
        statuses.ApplyAsync(change);

    /// <summary>Taken over: its follow-ups paused now; given back: pending again now (not at the next sweep), before the chat's chip reads them.</summary>
    public Task AiSwitchedAsync(AiSwitch change, CancellationToken cancellationToken) =>
        schedule.FollowAiSwitchAsync(change.ConsultantId, change.Phone, time.GetUtcNow());

    /// <summary>
    /// Needing the consultant's reply: its silence nudges held now; marked handled: one held waits again now (not at the
    /// next sweep), before the chat's chip reads it.
    /// </summary>
    public Task NeedsReplyChangedAsync(NeedsReplyChanged change, CancellationToken cancellationToken) =>
        replyHold.ApplyAsync(change.ConsultantId, change.Phone, time.GetUtcNow());
}
