using Consultant.Grains.Abstractions;
using Consultant.Grains.Hooks;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound.Marketing;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// WhatsApp's answers that come later, in status callbacks, for a broadcast's message: 131049/63049 (marketing limit)
/// → that contact is tried again later, each time waiting twice as long, at most <see cref="BroadcastOptions.MaxAttempts"/>
/// tries, then failed saying so; 131050 → skipped (the contact's flag is set
/// by <see cref="MarketingStopHook"/>); any other failure → failed with the reason in words. Then the counts go live.
/// </summary>
public sealed class BroadcastDeliveryHook(
    BroadcastStore store, QualityGuard quality, BroadcastProgressPublisher progress, IGrainFactory grains, IOptions<BroadcastOptions> options,
    TimeProvider time) : IConversationHook
{
    public async Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken)
    {
        if (change.Message.Origin != MessageOrigin.Broadcast
            || await store.FindByMessageAsync(change.ConsultantId, change.Message.Id) is not { } recipient)
        {
            return;
        }

        var (consultantId, (broadcastId, phone, attempts)) = (change.ConsultantId, recipient);
        var failed = change.Message.Status is MessageStatus.Failed or MessageStatus.Undelivered;
        var now = time.GetUtcNow();
        if (failed && change.ErrorCode == MarketingErrorCodes.StoppedMarketing)
        {
            await store.RecordAsync(consultantId, broadcastId, phone, RecipientStatus.Skipped,
                ExclusionReasons.Text(ExclusionReasons.StoppedMarketing), change.ErrorCode, null, now);
        }
        else if (failed && MarketingErrorCodes.IsMarketingLimit(change.ErrorCode) && attempts < options.Value.MaxAttempts)
        {
            var wait = TimeSpan.FromMinutes(options.Value.MarketingLimitRetryMinutes * Math.Pow(2, attempts - 1));
            await store.RequeueAsync(consultantId, broadcastId, phone, now + wait,
                $"WhatsApp's marketing limit for this contact was reached (error {change.ErrorCode}); trying again after {wait.TotalMinutes:0} minutes.",
                change.ErrorCode);
            // A broadcast that had finished goes on for the contacts to try again.
            await store.MoveAsync(consultantId, broadcastId, [BroadcastStatus.Completed], BroadcastStatus.Running, null, now);
            await grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, broadcastId)).WakeAsync();
        }
        else if (failed)
        {
            var reason = MarketingErrorCodes.IsMarketingLimit(change.ErrorCode)
                ? $"WhatsApp's marketing limit for this contact was still reached after {attempts} tries (error {change.ErrorCode}); not tried again."
                : change.Message.Error ?? "WhatsApp did not deliver it.";
            await store.RecordAsync(consultantId, broadcastId, phone, RecipientStatus.Failed, reason, change.ErrorCode, null, now);
            if (await quality.PauseIfPoorAsync(consultantId, broadcastId))
            {
                await grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, broadcastId)).HaltAsync(); // gives back its claimed rows
            }
        }

        await progress.PublishAsync(consultantId, broadcastId);
    }
}
