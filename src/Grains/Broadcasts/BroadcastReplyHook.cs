using Consultant.Grains.Hooks;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A contact's first message after a broadcast they got (Analytics' one definition of a reply: the first inbound
/// within 72 h, credited to the latest automated message) changes the broadcast's "replied" count: the dashboards are
/// told at once. The message itself is an ordinary one, answered as usual.
/// </summary>
public sealed class BroadcastReplyHook(BroadcastStore store, BroadcastProgressPublisher progress) : IConversationHook
{
    public async Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken)
    {
        if (await store.RepliedBroadcastAsync(message.ConsultantId, message.Phone, message.MessageId, message.ReceivedAt) is { } broadcastId)
        {
            await progress.PublishAsync(message.ConsultantId, broadcastId);
        }
    }
}
