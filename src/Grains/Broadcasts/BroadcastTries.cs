using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The contact's chat shows a broadcast once, as its latest try. A try that WhatsApp held back (marketing or rate limit)
/// waits for its retry (<see cref="MessageRetry.NextTryAt"/>); the next try is recorded in its place
/// (<see cref="AutomatedMessage.Replaces"/>); one that will not be tried after all stops waiting and shows as failed.
/// Each try keeps its own row and sid, so a late status callback still finds it. While its broadcast is paused a waiting
/// try shows that (<see cref="MessageRetry.Paused"/>) instead of a time that may pass; once it is cancelled, none waits
/// (<see cref="CancelledRetryReason"/>). Open chats are told at once.
/// </summary>
public sealed class BroadcastTries(BroadcastStore store, MessageQueries messages, IGrainFactory grains)
{
    /// <summary>The try a new one replaces: the recipient's latest message, when this is not its first try.</summary>
    public Task<Guid?> EarlierAsync(Guid consultantId, Guid broadcastId, ClaimedRecipient recipient) =>
        recipient.Attempts > 1 ? store.LatestTryAsync(consultantId, broadcastId, recipient.ContactPhone) : Task.FromResult<Guid?>(null);

    /// <summary>The recipient ended without a new try: the earlier one no longer waits.</summary>
    public async Task EndAsync(Guid consultantId, Guid? earlier)
    {
        if (earlier is { } messageId && await store.EndRetryAsync(consultantId, messageId))
        {
            await ShowAsync(consultantId, messageId);
        }
    }

    /// <summary>Tells open chats how these tries stand now (a cancelled broadcast's: failed, no longer waiting).</summary>
    public async Task ShowAsync(Guid consultantId, IReadOnlyList<Guid> messageIds)
    {
        foreach (var messageId in messageIds)
        {
            await ShowAsync(consultantId, messageId);
        }
    }

    /// <summary>
    /// The broadcast was paused (by the consultant or the quality guard) or resumed: open chats see its waiting tries as
    /// they stand now, waiting for the resume or for their time.
    /// </summary>
    public async Task PausedOrResumedAsync(Guid consultantId, Guid broadcastId)
    {
        foreach (var messageId in await store.WaitingTriesAsync(consultantId, broadcastId))
        {
            await ShowAsync(consultantId, messageId);
        }
    }

    /// <summary>Tells open chats how a try stands now (waiting, paused, replaced, or failed after all).</summary>
    public async Task ShowAsync(Guid consultantId, Guid? messageId)
    {
        if (messageId is { } id && await messages.FindViewAsync(consultantId, id) is { } view)
        {
            await grains.GetGrain<IConsultantEventsGrain>(consultantId)
                .PublishAsync(new DashboardEvent(consultantId, DashboardEventNames.MessageStatusChanged, view, null));
        }
    }
}
