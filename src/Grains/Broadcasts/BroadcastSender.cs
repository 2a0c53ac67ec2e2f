using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.Grains.Outbound.Marketing;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Sending a running broadcast in two halves. <see cref="ClaimAsync"/>: the next due recipients are claimed in a small
/// batch (recorded before the send), ahead of the sender's slots, so a slow claim never costs a slot.
/// <see cref="SendAsync"/>, at its slot and several at once so a slow send never costs the next slot: the message goes
/// through the contact's conversation and its outcome is recorded. Rate limits in the send's answer (429, 63018) put the contact back in the queue and the broadcast waits,
/// each time twice as long, at most <see cref="BroadcastOptions.MaxAttempts"/> tries; permanent errors are recorded with
/// the reason in words.
/// </summary>
public sealed class BroadcastSender(
    BroadcastStore store, QualityGuard quality, MarketingConsent consent, MessageTemplates templates, BroadcastHintLanguage hintLanguage,
    BroadcastDeliveryOutcome delivery, BroadcastTries tries, IGrainFactory grains, IOptions<BroadcastOptions> options, TimeProvider time)
{
    private static readonly int[] RateLimitCodes = [429, 20429, 63018];

    /// <summary>
    /// The next due recipients, up to <paramref name="count"/>, claimed in one round trip ahead of their send slots (the
    /// caller waits for each slot); or, without any, stop (not running, paused by the quality guard, or completed:
    /// nothing queued and nothing being sent) or idle until the next retry is due.
    /// </summary>
    public async Task<(StepOutcome Outcome, IReadOnlyList<ClaimedSend> Sends)> ClaimAsync(Guid consultantId, Guid id, int count, bool checkQuality)
    {
        if (await store.FindAsync(consultantId, id) is not { Status: BroadcastStatus.Running } broadcast)
        {
            return (StepOutcome.Stop, []);
        }

        if (checkQuality && await quality.PauseIfPoorAsync(consultantId, id))
        {
            return (StepOutcome.Stop, []);
        }

        var now = time.GetUtcNow();
        var claimed = await store.ClaimDueAsync(consultantId, id, count, now); // claims nothing once the broadcast left "running"
        if (claimed.Count > 0)
        {
            var language = await hintLanguage.OfAsync(consultantId, broadcast);
            return (StepOutcome.Done(failed: false), claimed.Select(recipient => new ClaimedSend(broadcast, recipient, language)).ToList());
        }

        if (await store.NextDueAsync(consultantId, id) is { } next)
        {
            return (StepOutcome.Idle(next), []);
        }

        if (await store.CompleteAsync(consultantId, id, now))
        {
            return (StepOutcome.Stop, []);
        }

        // Not completed after all: a late 131049 put a recipient back meanwhile, or the broadcast was paused or
        // cancelled; the next claim (after the loop's shortest nap) reads the table again.
        return (StepOutcome.Idle(now), []);
    }

    /// <summary>Sends to a claimed recipient and records the outcome; once started it finishes (a pause does not cut it).</summary>
    public async Task<StepOutcome> SendAsync(Guid consultantId, ClaimedSend send)
    {
        var (broadcast, recipient, language) = send;
        var id = broadcast.Id;
        var earlier = await tries.EarlierAsync(consultantId, id, recipient); // a retry: the new try takes its place in the chat
        if (!await consent.IsAcceptingAsync(consultantId, recipient.ContactPhone))
        {
            await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.StoppedMarketing));
            return StepOutcome.Done(failed: false);
        }

        var template = broadcast.TemplateId is { } templateId ? await templates.FindAsync(consultantId, templateId) : null;
        if (broadcast.TemplateId is not null && template is null)
        {
            await RecordAsync(RecipientStatus.Failed, "The broadcast's template was deleted from WhatsApp settings.");
            return StepOutcome.Done(failed: true);
        }

        if (BroadcastMessages.NeedsName(broadcast) && BroadcastMessages.FirstName(recipient.Name) is null)
        {
            await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.NoName));
            return StepOutcome.Done(failed: false);
        }

        var message = BroadcastMessages.For(broadcast, template, recipient.Name, language) with { Replaces = earlier };
        var result = await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, recipient.ContactPhone))
            .SendAutomatedAsync(message, CancellationToken.None); // once asked, the send finishes: its outcome must be recorded
        if (result.Message is not null)
        {
            await tries.ShowAsync(consultantId, earlier); // replaced: open chats drop it
        }

        switch (result.Outcome)
        {
            case AutomatedSendOutcome.Sent:
                await RecordAsync(RecipientStatus.Sent, null, messageId: result.Message!.Id);
                if (await store.FailureOfAsync(consultantId, result.Message.Id) is (var lateCode, var lateError))
                {
                    // Its failed callback came before the row knew the message, so the status hook could not find it.
                    await delivery.FailedAsync(consultantId, id, recipient.ContactPhone, recipient.Attempts, lateCode, lateError);
                }

                return StepOutcome.Done(failed: false);
            case AutomatedSendOutcome.OptedOut:
                await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.OptedOut));
                return StepOutcome.Done(failed: false);
            case AutomatedSendOutcome.OutsideWindow:
                await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.OutsideWindow));
                return StepOutcome.Done(failed: false);
        }

        var code = result.Message is { } failedMessage ? await store.ErrorCodeOfAsync(consultantId, failedMessage.Id) : null;
        var rateLimited = code is { } rateCode && RateLimitCodes.Contains(rateCode);
        if (rateLimited && recipient.Attempts < options.Value.MaxAttempts)
        {
            // The sender's number is over its rate: this contact and the rest of the broadcast wait, each time twice as long.
            var until = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.RateLimitBackoffSeconds * Math.Pow(2, recipient.Attempts - 1));
            var (tried, _) = await store.RequeueAsync(consultantId, id, recipient.ContactPhone, until, result.Problem, code, time.GetUtcNow(), result.Message?.Id);
            await tries.ShowAsync(consultantId, tried); // waiting for its retry, or failed if the broadcast was cancelled meanwhile
            return StepOutcome.Idle(until);
        }

        var reason = result.Problem ?? "Not sent.";
        await RecordAsync(RecipientStatus.Failed, rateLimited ? $"{reason} Gave up after {recipient.Attempts} tries." : reason, code, result.Message?.Id);
        return StepOutcome.Done(failed: true);

        async Task RecordAsync(string status, string? reason, int? errorCode = null, Guid? messageId = null)
        {
            await store.RecordAsync(consultantId, id, recipient.ContactPhone, status, reason, errorCode, messageId, time.GetUtcNow());
            if (messageId is null)
            {
                await tries.EndAsync(consultantId, earlier); // ended without a new try: the earlier one no longer waits
            }
        }
    }
}
