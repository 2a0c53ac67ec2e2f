using Dapper;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// The engine's writes to <c>whatsapp_followup_reminders</c> (silence nudges are anchored by <see cref="FollowUpSilence"/>): cancelling,
/// bringing booking reminders up to date, the sweep's claim (one UPDATE … WHERE status = 'pending', so one sweep
/// takes a follow-up) and the outcome of each send (again only from pending).
/// </summary>
public sealed class FollowUpSchedule(NpgsqlDataSource dataSource, FollowUpQuietHours quietHours, FollowUpReplyHold replyHold)
{
    /// <summary>A claim older than this is taken to be a sweep that died between claiming and recording the send.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Cancels the conversation's upcoming follow-ups of these rules.</summary>
    public async Task<int> CancelAsync(Guid consultantId, string phone, IReadOnlyList<string> rules, string reason, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders SET status = 'cancelled', reason = @reason, updated_at = @now
             WHERE consultant_id = @consultantId AND contact_phone = @phone AND status IN ('pending', 'paused') AND rule = ANY(@rules)
            """,
            new { consultantId, phone, rules = rules.ToArray(), reason, now });
    }

    /// <summary>
    /// What the tables say changed, across consultants: reminders for scheduled consultations (new, or moved with their
    /// booking or their rule's delay, or planned again when their rule is switched back on, then moved out of the contact's
    /// quiet hours; only those still ahead), a cancelled booking's reminders
    /// cancelled, a lead with a booking no longer nudged, follow-ups of a conversation with the AI off paused (and
    /// pending again once it is on; the switch itself does that at once, <see cref="FollowAiSwitchAsync"/>: this catches
    /// one whose hook failed), silence nudges of one that needs the consultant's reply held (<see cref="FollowUpReplyHold"/>).
    /// A reminder is compared by the time its rule gives (<c>rule_due_at</c>), so one moved
    /// out of quiet hours stays moved; one skipped when planned (quiet hours last until its consultation starts, or until the
    /// window closes) is scheduled again when the booking moves.
    /// </summary>
    public async Task SyncAsync(DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var scheduled = (await connection.QueryAsync<DueFollowUp>(
            $"""
            INSERT INTO whatsapp_followup_reminders AS f
                   (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, rule_due_at, status, created_at, updated_at)
            SELECT gen_random_uuid(), b.consultant_id, c.id, c.contact_phone, r.rule, b.id, b.scheduled_at, d.due, d.due, 'pending', @now, @now
              FROM consultations b
              JOIN whatsapp_followup_rules r ON r.consultant_id = b.consultant_id AND r.enabled
                   AND r.rule IN ('before_24h', 'before_1h', 'after_consultation')
              JOIN LATERAL (SELECT CASE WHEN r.rule = 'after_consultation'
                                        THEN b.scheduled_at + make_interval(mins => b.duration_minutes + r.delay_minutes)
                                        ELSE b.scheduled_at - make_interval(mins => r.delay_minutes) END AS due) d ON true
              JOIN conversations c ON c.consultant_id = b.consultant_id AND c.id = (
                   SELECT x.id FROM conversations x
                    WHERE x.consultant_id = b.consultant_id
                      AND (x.contact_phone = b.contact_address OR (b.contact_address IS NULL AND x.client_id = b.client_id))
                    ORDER BY x.last_message_at DESC NULLS LAST LIMIT 1)
             WHERE b.status IN ('scheduled', 'completed') AND b.scheduled_at > @now - interval '8 days' AND d.due > @now
            ON CONFLICT (conversation_id, rule, anchor) DO UPDATE
               SET anchor_at = excluded.anchor_at, scheduled_for = excluded.scheduled_for, rule_due_at = excluded.rule_due_at,
                   updated_at = excluded.updated_at, claimed_at = NULL, claims = 0, reason = CASE WHEN f.status = 'paused' THEN f.reason END,
                   status = CASE WHEN f.status IN ('skipped', 'cancelled') THEN 'pending' ELSE f.status END
             WHERE ((f.status IN ('pending', 'paused') OR (f.status = 'skipped' AND f.reason = ANY(@skippedAtPlanning)))
                    AND f.rule_due_at IS DISTINCT FROM excluded.rule_due_at)
                -- Its rule was switched off and is on again: planned again (one row a booking and rule; one already due is not).
                OR (f.status = 'cancelled' AND f.reason = @ruleOff)
            RETURNING {FollowUpQuietHours.Returning}
            """,
            new { now, skippedAtPlanning = FollowUpReasons.SkippedAtPlanning.ToArray(), ruleOff = FollowUpReasons.RuleOff })).ToList();
        await quietHours.PlaceAsync(scheduled, now);
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders f SET status = 'cancelled', reason = @reason, updated_at = @now
              FROM consultations b
             WHERE f.status IN ('pending', 'paused') AND f.rule IN ('before_24h', 'before_1h', 'after_consultation')
               AND b.id = f.anchor AND b.consultant_id = f.consultant_id AND b.status = 'cancelled'
            """,
            new { now, reason = FollowUpReasons.BookingCancelled });
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders f SET status = 'cancelled', reason = @reason, updated_at = @now
             WHERE f.status IN ('pending', 'paused') AND f.rule IN ('lead_24h', 'lead_48h')
               AND EXISTS (SELECT 1 FROM consultations b
                            WHERE b.consultant_id = f.consultant_id AND b.contact_address = f.contact_phone
                              AND b.status IN ('scheduled', 'completed') AND b.created_at > f.anchor_at)
            """,
            new { now, reason = FollowUpReasons.LeadBooked });
        await connection.ExecuteAsync(FollowAi(""), new { now, leaseStart = now - Lease, reason = FollowUpReasons.AiOff });
        await replyHold.ApplyAsync(null, null, now);
    }

    /// <summary>
    /// The consultant took the conversation over or gave it back (its list row says so already): its follow-ups paused
    /// or pending again now, as the next sync would, so the chat's chip and the queue say so at once; then the silence
    /// nudges held again where the conversation still needs the consultant's reply (<see cref="FollowUpReplyHold"/>).
    /// </summary>
    public async Task FollowAiSwitchAsync(Guid consultantId, string phone, DateTimeOffset now)
    {
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                FollowAi("AND f.consultant_id = @consultantId AND f.contact_phone = @phone"),
                new { consultantId, phone, now, leaseStart = now - Lease, reason = FollowUpReasons.AiOff });
        }

        await replyHold.ApplyAsync(consultantId, phone, now);
    }

    /// <summary>
    /// Follow-ups of a conversation with the AI off paused, and pending again once it is on (<paramref name="scope"/>
    /// narrows to one conversation; empty: all). One a live sweep is sending is left to it: pausing it under the sweep
    /// would keep it from being recorded as sent, and sent again on resume; the sender refuses it by the same flag.
    /// Parameters now, leaseStart, reason (and the scope's).
    /// </summary>
    private static string FollowAi(string scope) =>
        $"""
        UPDATE whatsapp_followup_reminders f
           SET status = CASE WHEN c.ai_enabled THEN 'pending' ELSE 'paused' END,
               reason = CASE WHEN c.ai_enabled THEN NULL ELSE @reason END, updated_at = @now
          FROM conversations c
         WHERE c.consultant_id = f.consultant_id AND c.contact_phone = f.contact_phone {scope}
           AND ((f.status = 'pending' AND NOT c.ai_enabled AND (f.claimed_at IS NULL OR f.claimed_at < @leaseStart))
                OR (f.status = 'paused' AND f.reason = @reason AND c.ai_enabled))
        """;

    /// <summary>
    /// Takes up to <paramref name="limit"/> due follow-ups for this sweep: pending, due, and not claimed by a live sweep.
    /// One claimed twice by sweeps that died before recording the send is given up (at most one duplicate per crash).
    /// </summary>
    public async Task<IReadOnlyList<DueFollowUp>> ClaimDueAsync(DateTimeOffset now, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var leaseStart = now - Lease;
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders SET status = 'failed', reason = @reason, updated_at = @now
             WHERE status = 'pending' AND scheduled_for <= @now AND claims >= 2 AND claimed_at < @leaseStart
            """,
            new { now, leaseStart, reason = FollowUpReasons.Interrupted });
        return (await connection.QueryAsync<DueFollowUp>(
            """
            UPDATE whatsapp_followup_reminders f SET claimed_at = @now, claims = f.claims + 1, updated_at = @now
              FROM (SELECT id FROM whatsapp_followup_reminders
                     WHERE status = 'pending' AND scheduled_for <= @now AND (claimed_at IS NULL OR claimed_at < @leaseStart)
                     ORDER BY scheduled_for LIMIT @limit FOR UPDATE SKIP LOCKED) due
             WHERE f.id = due.id AND f.status = 'pending'
            RETURNING f.id AS Id, f.consultant_id AS ConsultantId, f.conversation_id AS ConversationId, f.contact_phone AS ContactPhone,
                      f.rule AS Rule, f.anchor AS Anchor, f.anchor_at AS AnchorAt, f.scheduled_for AS ScheduledFor,
                      f.claims AS Claims, f.retries AS Retries
            """,
            new { now, leaseStart, limit })).ToList();
    }

    /// <summary>Records what became of a claimed follow-up (sent, skipped, cancelled, failed, paused); only from pending.</summary>
    public async Task<bool> FinishAsync(Guid id, string status, string? reason, Guid? messageId, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders
               SET status = @status, reason = @reason, message_id = coalesce(@messageId, message_id),
                   sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END, claimed_at = NULL, updated_at = @now
             WHERE id = @id AND status = 'pending'
            """,
            new { id, status, reason, messageId, now }) == 1;
    }

    /// <summary>Puts a claimed follow-up back to wait until <paramref name="dueAt"/> (quiet hours, a moved consultation).</summary>
    public async Task MoveAsync(Guid id, DateTimeOffset dueAt, string? reason, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_followup_reminders SET scheduled_for = @dueAt, reason = @reason, claimed_at = NULL, claims = 0, updated_at = @now
             WHERE id = @id AND status = 'pending'
            """,
            new { id, dueAt, reason, now });
    }

    /// <summary>The follow-up a message went out as, if it was one.</summary>
    public async Task<(Guid Id, string Rule, int Retries)?> FindByMessageAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<(Guid, string, int)?>(
            "SELECT id, rule, retries FROM whatsapp_followup_reminders WHERE consultant_id = @consultantId AND message_id = @messageId",
            new { consultantId, messageId });
    }

    /// <summary>
    /// WhatsApp's marketing limit refused it after it was sent: it waits again, until <paramref name="dueAt"/> (or the
    /// end of the contact's quiet hours).
    /// </summary>
    public async Task RetryLaterAsync(Guid consultantId, Guid id, DateTimeOffset dueAt, DateTimeOffset now)
    {
        IReadOnlyList<DueFollowUp> waiting;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            waiting = (await connection.QueryAsync<DueFollowUp>(
                $"""
                UPDATE whatsapp_followup_reminders f
                   SET status = 'pending', scheduled_for = @dueAt, retries = retries + 1, claims = 0, claimed_at = NULL,
                       sent_at = NULL, message_id = NULL, reason = @reason, updated_at = @now
                 WHERE consultant_id = @consultantId AND id = @id AND status = 'sent'
                RETURNING {FollowUpQuietHours.Returning}
                """,
                new { consultantId, id, dueAt, now, reason = FollowUpReasons.MarketingLimit })).ToList();
        }

        await quietHours.PlaceAsync(waiting, now);
    }

    /// <summary>A sent follow-up was refused afterwards (a failed status): failed with the reason.</summary>
    public async Task MarkFailedAfterSendAsync(Guid consultantId, Guid id, string reason, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE whatsapp_followup_reminders SET status = 'failed', reason = @reason, updated_at = @now WHERE consultant_id = @consultantId AND id = @id AND status = 'sent'",
            new { consultantId, id, reason, now });
    }

    /// <summary>
    /// The contact wrote: follow-ups sent to them in the 72 hours before that got their reply, by the one definition
    /// (<c>automation_replies</c>: the first inbound after an automated message, credited to the latest). Returns how many.
    /// </summary>
    public async Task<int> RecordRepliesAsync(Guid consultantId, string phone, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(RecordReplies, new { consultantId, phone, at });
    }

    /// <summary>
    /// <see cref="RecordRepliesAsync"/>'s statement (parameters consultantId, phone, at; one row: how many), which
    /// <see cref="FollowUpSilence.ContactWroteAsync"/> sends in the same round trip as the re-anchoring.
    /// </summary>
    internal const string RecordReplies =
        """
        WITH replied AS (
            UPDATE whatsapp_followup_reminders f SET received_reply = true, replied_at = a.replied_at, updated_at = @at
              FROM automation_replies a
             WHERE f.consultant_id = @consultantId AND f.contact_phone = @phone AND f.status = 'sent' AND NOT f.received_reply
               AND f.sent_at > @at - interval '72 hours'
               AND a.consultant_id = @consultantId AND a.automated_message_id = f.message_id AND a.reply_message_id IS NOT NULL
            RETURNING 1)
        SELECT count(*)::int FROM replied
        """;
}
