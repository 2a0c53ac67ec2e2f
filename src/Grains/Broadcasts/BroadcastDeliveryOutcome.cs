using Consultant.Grains.Abstractions;
using Consultant.Grains.Outbound.Marketing;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// What a broadcast message's late failure (a status callback) means for its recipient: 131049/63049 (marketing
/// limit) → tried again later, each time waiting twice as long, at most <see cref="BroadcastOptions.MaxAttempts"/>
/// tries, then failed saying so (at once, saying why, once the broadcast is cancelled); 131050 → skipped (the contact's
/// flag is set by <see cref="MarketingStopHook"/>); any other failure → failed with the reason in words, and the
/// quality guard looks. Used by the status hook and, for a callback that came before the recipient recorded its
/// message, by the sender right after recording it.
/// </summary>
public sealed class BroadcastDeliveryOutcome(
    BroadcastStore store, QualityGuard quality, BroadcastTries tries, IGrainFactory grains, IOptions<BroadcastOptions> options, TimeProvider time)
{
    public async Task FailedAsync(Guid consultantId, Guid broadcastId, string phone, int attempts, int? errorCode, string? error)
    {
        var now = time.GetUtcNow();
        if (errorCode == MarketingErrorCodes.StoppedMarketing)
        {
            await store.RecordAsync(consultantId, broadcastId, phone, RecipientStatus.Skipped,
                ExclusionReasons.Text(ExclusionReasons.StoppedMarketing), errorCode, null, now);
        }
        else if (MarketingErrorCodes.IsMarketingLimit(errorCode) && attempts < options.Value.MaxAttempts)
        {
            var wait = TimeSpan.FromMinutes(options.Value.MarketingLimitRetryMinutes * Math.Pow(2, attempts - 1));
            // A broadcast that had completed goes on (running again) for the contact to be tried again: the requeue
            // reopens it under the row lock its completion takes, so a completion at the same moment cannot miss it.
            // A cancelled one tries nobody again: the contact ends failed, saying so, under the same lock.
            var (tried, waits) = await store.RequeueAsync(consultantId, broadcastId, phone, now + wait,
                $"WhatsApp's marketing limit for this contact was reached (error {errorCode}); trying again after {wait.TotalMinutes:0} minutes.",
                errorCode, now);
            await tries.ShowAsync(consultantId, tried); // the chat shows it waiting for the retry (or failed, cancelled)
            if (waits)
            {
                await grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, broadcastId)).WakeAsync();
            }
        }
        else
        {
            var reason = MarketingErrorCodes.IsMarketingLimit(errorCode)
                ? $"WhatsApp's marketing limit for this contact was still reached after {attempts} tries (error {errorCode}); not tried again. The number is fine: try them again in a few days, or once they write to you."
                : error ?? "WhatsApp did not deliver it.";
            await store.RecordAsync(consultantId, broadcastId, phone, RecipientStatus.Failed, reason, errorCode, null, now);
            if (await quality.PauseIfPoorAsync(consultantId, broadcastId))
            {
                await grains.GetGrain<IBroadcastGrain>(BroadcastKeys.Of(consultantId, broadcastId)).HaltAsync(); // gives back its claimed rows
            }
        }
    }
}
