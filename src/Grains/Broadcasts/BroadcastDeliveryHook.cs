using Consultant.Grains.Abstractions;
using Consultant.Grains.Hooks;
using Consultant.Grains.Messages;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// WhatsApp's answers that come later, in status callbacks, for a broadcast's message: a failure is settled by
/// <see cref="BroadcastDeliveryOutcome"/>; then the counts go live. A callback that comes before the recipient has
/// recorded its message finds no recipient here: the sender settles it when it records the message.
/// </summary>
public sealed class BroadcastDeliveryHook(BroadcastStore store, BroadcastDeliveryOutcome outcome, BroadcastProgressPublisher progress) : IConversationHook
{
    public async Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken)
    {
        if (change.Message.Origin != MessageOrigin.Broadcast
            || await store.FindByMessageAsync(change.ConsultantId, change.Message.Id) is not { } recipient)
        {
            return;
        }

        var (broadcastId, phone, attempts) = recipient;
        if (change.Message.Status is MessageStatus.Failed or MessageStatus.Undelivered)
        {
            await outcome.FailedAsync(change.ConsultantId, broadcastId, phone, attempts, change.ErrorCode, change.Message.Error);
        }

        await progress.PublishAsync(change.ConsultantId, broadcastId);
    }
}
