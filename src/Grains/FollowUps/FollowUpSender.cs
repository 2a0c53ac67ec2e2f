using Consultant.Grains.Abstractions;
using Consultant.Grains.Booking;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Outbound.Marketing;
using Consultant.Grains.Outbound.Pacing;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// Sends one claimed follow-up, or says why not: checked against the conversation and the booking as they are now (a
/// moved consultation moves its reminder, a cancelled one cancels it), moved out of the contact's quiet hours if they
/// began meanwhile (scheduling moved it out already; a reminder they would hold past its consultation's start is skipped), written
/// in their language, then sent through <see cref="IConversationGrain.SendAutomatedAsync"/> as free text, or as the
/// rule's template once the 24-hour window is closed (skipped without one, or for a contact who stopped marketing).
/// </summary>
public sealed class FollowUpSender(
    FollowUpSchedule schedule, FollowUpSilence silence, FollowUpStore store, FollowUpComposer composer, FollowUpAiWriter aiWriter, BookingStore bookings,
    FollowUpQuietHours quietHours, MarketingConsent marketing, PacedSends pacing, IGrainFactory grains, TimeProvider time)
{
    /// <summary>Returns the status it ended in (pending when it was moved to a later time).</summary>
    public async Task<string> SendAsync(DueFollowUp due, FollowUpRuleSet rules, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rule = rules[due.Rule];
        var contact = await store.ContactAsync(due.ConsultantId, due.ConversationId);
        var refusal = Refusal(due, rule, contact);
        if (refusal is not null)
        {
            return await FinishAsync(due, refusal.Value.Status, refusal.Value.Reason, null);
        }

        if (FollowUpRuleKeys.Silence.Contains(due.Rule) && contact!.LastInboundAt > due.AnchorAt.AddSeconds(1))
        {
            // The contact wrote while this sweep held the claim (the hook leaves a claimed row alone): move it onto their
            // message instead of sending; only if that message has its own nudge already does this one end.
            return await silence.ReanchorClaimedAsync(due, now)
                ? FollowUpStatus.Pending
                : await FinishAsync(due, FollowUpStatus.Cancelled, FollowUpReasons.ContactWrote, null);
        }

        BookedConsultation? booking = null;
        if (FollowUpRuleKeys.IsConsultation(due.Rule))
        {
            booking = await bookings.FindAsync(due.ConsultantId, due.Anchor);
            var check = CheckBooking(due, rule, booking, now);
            if (check.Status is not null)
            {
                return await FinishAsync(due, check.Status, check.Reason, null);
            }

            if (check.MoveTo is { } later)
            {
                // The booking moved later and no sync caught it yet: the new time, out of quiet hours as when scheduled.
                var placed = await quietHours.AllowedAsync(due.ConsultantId, due.ContactPhone, due.Rule, later, booking!.StartsAt);
                if (placed is null)
                {
                    return await FinishAsync(due, FollowUpStatus.Skipped, FollowUpReasons.QuietHoursUntilStart, null);
                }

                await schedule.MoveAsync(due.Id, placed.Value, placed > later ? FollowUpReasons.QuietHours : null, now);
                return FollowUpStatus.Pending;
            }
        }

        var allowed = await quietHours.AllowedAsync(due.ConsultantId, contact!.Phone, due.Rule, now, booking?.StartsAt);
        if (allowed is null)
        {
            return await FinishAsync(due, FollowUpStatus.Skipped, FollowUpReasons.QuietHoursUntilStart, null);
        }

        if (allowed > now)
        {
            await schedule.MoveAsync(due.Id, allowed.Value, FollowUpReasons.QuietHours, now);
            return FollowUpStatus.Pending;
        }

        var message = await composer.ComposeAsync(due.ConsultantId, contact, rule, booking);
        var text = rule.AiWrites ? await aiWriter.WriteAsync(due.ConsultantId, contact, message, cancellationToken) : message.Text;
        await pacing.WaitForSlotAsync(due.ConsultantId, cancellationToken); // the sender's pace, shared with broadcasts
        var conversation = grains.GetGrain<IConversationGrain>(ConversationKey.Format(due.ConsultantId, contact.Phone));
        // The window by this clock first (the conversation checks again by its own): closed, only the template may go.
        var windowOpen = WhatsAppWindow.IsOpen(contact.Phone, contact.LastInboundAt, time.GetUtcNow());
        var result = windowOpen
            ? await conversation.SendAutomatedAsync(new AutomatedMessage(text, MessageOrigin.FollowUp), cancellationToken)
            : null;
        if (result is null || result.Outcome == AutomatedSendOutcome.OutsideWindow)
        {
            if (message.Template is null)
            {
                return await FinishAsync(due, FollowUpStatus.Skipped, FollowUpReasons.WindowClosedNoTemplate, null);
            }

            if (!await marketing.IsAcceptingAsync(due.ConsultantId, contact.Phone))
            {
                return await FinishAsync(due, FollowUpStatus.Skipped, FollowUpReasons.StoppedMarketing, null);
            }

            result = await conversation.SendAutomatedAsync(
                new AutomatedMessage(message.Text, MessageOrigin.FollowUp, FollowUpComposer.ToOutbound(message.Template)), cancellationToken);
        }

        return result.Outcome switch
        {
            AutomatedSendOutcome.Sent => await FinishAsync(due, FollowUpStatus.Sent, null, result.Message?.Id),
            AutomatedSendOutcome.OptedOut => await FinishAsync(due, FollowUpStatus.Cancelled, FollowUpReasons.OptedOut, null),
            AutomatedSendOutcome.OutsideWindow => await FinishAsync(due, FollowUpStatus.Skipped, result.Problem, null),
            _ => await FinishAsync(due, FollowUpStatus.Failed, result.Problem, result.Message?.Id),
        };
    }

    private static (string Status, string Reason)? Refusal(DueFollowUp due, FollowUpRule rule, FollowUpContact? contact) =>
        !rule.Enabled ? (FollowUpStatus.Cancelled, FollowUpReasons.RuleOff)
        : contact is null ? (FollowUpStatus.Cancelled, FollowUpReasons.NoConversation)
        : contact.OptedOut ? (FollowUpStatus.Cancelled, FollowUpReasons.OptedOut)
        : !contact.AiEnabled ? (FollowUpStatus.Paused, FollowUpReasons.AiOff)
        : FollowUpRuleKeys.LeadNudges.Contains(due.Rule) && !contact.IsLead ? (FollowUpStatus.Cancelled, FollowUpReasons.NowClient)
        // "Anything else?" must not go while the contact waits for the consultant: held until they answer (see FollowUpReplyHold).
        : FollowUpRuleKeys.Silence.Contains(due.Rule) && contact.NeedsReply ? (FollowUpStatus.Paused, FollowUpReasons.NeedsReply)
        // Silence counts only while our last message is unanswered: the contact's last one was never answered, so no nudge.
        : FollowUpRuleKeys.Silence.Contains(due.Rule) && contact.LastInboundAt <= due.AnchorAt.AddSeconds(1)
          && !(contact.LastAnsweredAt > due.AnchorAt) ? (FollowUpStatus.Cancelled, FollowUpReasons.ContactWrote)
        : null;

    /// <summary>The booking as it is now: cancelled or gone ends the reminder; moved later moves it.</summary>
    private static (string? Status, string? Reason, DateTimeOffset? MoveTo) CheckBooking(
        DueFollowUp due, FollowUpRule rule, BookedConsultation? booking, DateTimeOffset now)
    {
        if (booking is null)
        {
            return (FollowUpStatus.Cancelled, FollowUpReasons.BookingGone, null);
        }

        if (booking.Status == BookingStatus.Cancelled)
        {
            return (FollowUpStatus.Cancelled, FollowUpReasons.BookingCancelled, null);
        }

        var dueAt = FollowUpRuleKeys.IsBefore(due.Rule)
            ? booking.StartsAt.AddMinutes(-rule.DelayMinutes)
            : booking.EndsAt.AddMinutes(rule.DelayMinutes);
        if (dueAt > now.AddMinutes(1))
        {
            return (null, null, dueAt);
        }

        return FollowUpRuleKeys.IsBefore(due.Rule) && booking.StartsAt <= now
            ? (FollowUpStatus.Skipped, FollowUpReasons.BookingStarted, null)
            : (null, null, null);
    }

    private async Task<string> FinishAsync(DueFollowUp due, string status, string? reason, Guid? messageId)
    {
        await schedule.FinishAsync(due.Id, status, reason, messageId, time.GetUtcNow());
        return status;
    }
}
