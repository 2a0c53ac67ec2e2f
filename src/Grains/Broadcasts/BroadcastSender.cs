using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.Grains.Languages;
using Consultant.Grains.Outbound.Marketing;
using Consultant.Grains.Outbound.Pacing;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// One step of a running broadcast: claim the next due recipient (recorded before the send), wait for the sender's
/// slot, send through the conversation, record the outcome. Rate limits in the send's answer (429, 63018) put the
/// contact back in the queue with a growing wait; permanent errors are recorded with the reason in words.
/// </summary>
public sealed class BroadcastSender(
    BroadcastStore store, QualityGuard quality, MarketingConsent consent, MessageTemplates templates, ContactLanguageStore languages,
    PacedSends paced, IGrainFactory grains, IOptions<BroadcastOptions> options, TimeProvider time)
{
    private static readonly int[] RateLimitCodes = [429, 20429, 63018];

    public async Task<StepOutcome> StepAsync(Guid consultantId, Guid id, bool checkQuality, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(consultantId, id) is not { Status: BroadcastStatus.Running } broadcast)
        {
            return StepOutcome.Stop;
        }

        if (checkQuality && await quality.PauseIfPoorAsync(consultantId, id))
        {
            return StepOutcome.Stop;
        }

        var now = time.GetUtcNow();
        if (await store.ClaimNextAsync(consultantId, id, now) is not { } recipient)
        {
            if (await store.NextDueAsync(consultantId, id) is { } next)
            {
                return StepOutcome.Idle(next);
            }

            await store.MoveAsync(consultantId, id, [BroadcastStatus.Running], BroadcastStatus.Completed, broadcast.StatusReason, now); // "started late" stays said
            return StepOutcome.Stop;
        }

        if (!await consent.IsAcceptingAsync(consultantId, recipient.ContactPhone))
        {
            await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.StoppedMarketing));
            return StepOutcome.Done(failed: false);
        }

        try
        {
            await paced.WaitForSlotAsync(consultantId, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await store.RequeueAsync(consultantId, id, recipient.ContactPhone, now, null, null); // paused or stopping: not tried
            throw;
        }

        var template = broadcast.TemplateId is { } templateId ? await templates.FindAsync(consultantId, templateId) : null;
        if (broadcast.TemplateId is not null && template is null)
        {
            await RecordAsync(RecipientStatus.Failed, "The broadcast's template was deleted from WhatsApp settings.");
            return StepOutcome.Done(failed: true);
        }

        var language = LanguageRule.Current(await languages.GetAsync(consultantId, recipient.ContactPhone), null, recipient.ContactPhone).Language;
        var message = BroadcastMessages.For(broadcast, template, recipient.Name, language);
        var result = await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, recipient.ContactPhone))
            .SendAutomatedAsync(message, CancellationToken.None); // once asked, the send finishes: its outcome must be recorded
        switch (result.Outcome)
        {
            case AutomatedSendOutcome.Sent:
                await RecordAsync(RecipientStatus.Sent, null, messageId: result.Message!.Id);
                return StepOutcome.Done(failed: false);
            case AutomatedSendOutcome.OptedOut:
                await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.OptedOut));
                return StepOutcome.Done(failed: false);
            case AutomatedSendOutcome.OutsideWindow:
                await RecordAsync(RecipientStatus.Skipped, ExclusionReasons.Text(ExclusionReasons.OutsideWindow));
                return StepOutcome.Done(failed: false);
        }

        var code = result.Message is { } failedMessage ? await store.ErrorCodeOfAsync(consultantId, failedMessage.Id) : null;
        if (code is { } rateCode && RateLimitCodes.Contains(rateCode) && recipient.Attempts < options.Value.MaxAttempts)
        {
            var wait = TimeSpan.FromSeconds(options.Value.RateLimitBackoffSeconds * Math.Pow(2, recipient.Attempts - 1));
            await store.RequeueAsync(consultantId, id, recipient.ContactPhone, time.GetUtcNow() + wait, result.Problem, rateCode);
            return StepOutcome.Done(failed: false);
        }

        await RecordAsync(RecipientStatus.Failed, result.Problem ?? "Not sent.", code, result.Message?.Id);
        return StepOutcome.Done(failed: true);

        Task RecordAsync(string status, string? reason, int? errorCode = null, Guid? messageId = null) =>
            store.RecordAsync(consultantId, id, recipient.ContactPhone, status, reason, errorCode, messageId, time.GetUtcNow());
    }
}
