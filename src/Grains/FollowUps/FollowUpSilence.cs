using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// The silence nudges (lead and client ones) of a conversation, anchored on the contact's last message. The contact
/// writing does not end a nudge, it moves it: the upcoming row is re-anchored in place on the new message (anchor and
/// due time change, the row stays), so the history holds only real outcomes. The dedupe key (conversation, rule,
/// anchor) still holds: a row is moved only forward, only onto an anchor no row has yet, only while pending or paused,
/// and never while a live sweep holds its claim (that sweep re-anchors it itself before sending, see
/// <see cref="FollowUpSender"/>); the unique index refuses anything else. A nudge put (or moved) into the contact's
/// quiet hours is moved to their end at once (<see cref="FollowUpQuietHours"/>), so the queue shows when it goes.
/// </summary>
public sealed class FollowUpSilence(NpgsqlDataSource dataSource, SharedRoundTrips shared, FollowUpQuietHours quietHours, FollowUpReplyHold replyHold)
{
    /// <summary>
    /// The contact wrote: the conversation's upcoming silence nudges move onto their latest message (due that long after
    /// it). A nudge a live sweep is sending right now is left to that sweep. Returns how many moved.
    /// </summary>
    public async Task<int> ReanchorAsync(Guid consultantId, string phone, DateTimeOffset now)
    {
        IReadOnlyList<DueFollowUp> moved;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            moved = (await connection.QueryAsync<DueFollowUp>(
                Reanchor(Unclaimed),
                new { consultantId, phone, now, leaseStart = now - FollowUpSchedule.Lease, silence = FollowUpRuleKeys.Silence.ToArray() })).ToList();
        }

        await quietHours.PlaceAsync(moved, now);
        return moved.Count;
    }

    /// <summary>
    /// The contact wrote (at <paramref name="receivedAt"/>): <see cref="ReanchorAsync"/>, and the follow-ups sent before
    /// that got their reply recorded (<see cref="FollowUpSchedule.RecordRepliesAsync"/>), both in one round trip: they
    /// touch different rows (upcoming ones, sent ones). Returns how many follow-ups got their reply.
    /// </summary>
    public async Task<int> ContactWroteAsync(Guid consultantId, string phone, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        var results = await shared.RunAsync(
            new
            {
                consultantId, phone, now, leaseStart = now - FollowUpSchedule.Lease, silence = FollowUpRuleKeys.Silence.ToArray(),
                at = receivedAt,
            },
            SharedStatement.Query<DueFollowUp>(Reanchor(Unclaimed)), SharedStatement.Query<int>(FollowUpSchedule.RecordReplies));
        await quietHours.PlaceAsync(results.Rows<DueFollowUp>(0), now);
        return results.Single<int>(1);
    }

    /// <summary>
    /// The sweep that claimed <paramref name="due"/> found that the contact wrote after its anchor: it moves onto their
    /// latest message and waits again. False when it could not (a row for that message exists already).
    /// </summary>
    public async Task<bool> ReanchorClaimedAsync(DueFollowUp due, DateTimeOffset now)
    {
        IReadOnlyList<DueFollowUp> moved;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            moved = (await connection.QueryAsync<DueFollowUp>(
                Reanchor("f.id = @id"),
                new { consultantId = due.ConsultantId, phone = due.ContactPhone, now, silence = FollowUpRuleKeys.Silence.ToArray(), id = due.Id })).ToList();
        }

        await quietHours.PlaceAsync(moved, now);
        return moved.Count == 1;
    }

    /// <summary>
    /// We answered the contact: their last message anchors the silence nudges of the enabled rules (lead or client ones,
    /// by who wrote it), due that long after it. Upcoming ones move onto it (see <see cref="ReanchorAsync"/>); a rule
    /// with none gets a new row, one per conversation, rule and message, so answering twice adds none. One held for the
    /// consultant's reply (<see cref="FollowUpReplyHold"/>) stays held, or once that reply is given waits again from it.
    /// The move, the new rows and whether the hold has anything to look at are one round trip (the new rows' check of
    /// upcoming ones does not depend on where the moved ones are placed); a conversation with no nudge pending or held
    /// for the reply, the usual case, skips the hold's.
    /// </summary>
    public async Task AnchorAsync(Guid consultantId, string phone, DateTimeOffset now)
    {
        var results = await shared.RunAsync(
            new
            {
                consultantId, phone, now, leaseStart = now - FollowUpSchedule.Lease, silence = FollowUpRuleKeys.Silence.ToArray(),
                reason = FollowUpReasons.NeedsReply, rules = FollowUpRuleKeys.Silence.ToArray(), ruleOff = FollowUpReasons.RuleOff,
            },
            SharedStatement.Query<DueFollowUp>(Reanchor(Unclaimed)), SharedStatement.Query<DueFollowUp>(AddConversationNudges),
            SharedStatement.Query<bool>(FollowUpReplyHold.Anything));
        await quietHours.PlaceAsync(results.Rows<DueFollowUp>(0), now);
        await quietHours.PlaceAsync(results.Rows<DueFollowUp>(1), now);
        if (results.Single<bool>(2))
        {
            await replyHold.ApplyAsync(consultantId, phone, now); // still owed the consultant's reply: held; just given: planned from it
        }
    }

    /// <summary>The rows our answer adds (see <see cref="AnchorAsync"/>): also parameter phone.</summary>
    private static readonly string AddConversationNudges = AddNudges("c.contact_phone = @phone");

    /// <summary>
    /// Silence rules were switched on or given a new delay (<paramref name="rules"/>): every conversation of the
    /// consultant we answered after the contact's last message gets the nudge our answer would have planned
    /// (<see cref="AnchorAsync"/>: on that message, only if still ahead, none where one is upcoming or the contact
    /// opted out), all in one statement; then placed out of quiet hours and held where your reply is owed, as there.
    /// A conversation still waiting for our answer gets it from that answer, as the hook plans it. Returns how many.
    /// </summary>
    public async Task<int> AnchorAnsweredAsync(Guid consultantId, IReadOnlyList<string> rules, DateTimeOffset now)
    {
        if (rules.Count == 0)
        {
            return 0;
        }

        IReadOnlyList<DueFollowUp> added;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            added = (await connection.QueryAsync<DueFollowUp>(
                AddNudges(AnsweredAfterLastMessage),
                new { consultantId, now, leaseStart = now - FollowUpSchedule.Lease, rules = rules.ToArray(), ruleOff = FollowUpReasons.RuleOff })).ToList();
        }

        await quietHours.PlaceAsync(added, now);
        if (added.Count > 0)
        {
            await replyHold.ApplyAsync(consultantId, null, now); // owed the consultant's reply: held, as after our answer
        }

        return added.Count;
    }

    /// <summary>
    /// The silence nudges our answer plans in the consultant's conversations that <paramref name="conversations"/> selects
    /// (a condition on <c>c</c>, the conversation, and <c>m</c>, the contact's last message), of the enabled rules among
    /// <c>@rules</c> (lead ones for a lead, the client one for a client): on that message, due that long after it if still
    /// ahead, not for a contact who opted out, none for a rule with one upcoming. One row per conversation, rule and
    /// message, so planning twice adds none; the row of that message cancelled when the rule was switched off is planned
    /// again instead. Parameters consultantId, now, leaseStart, rules, ruleOff.
    /// </summary>
    private static string AddNudges(string conversations) =>
        $"""
        INSERT INTO whatsapp_followup_reminders AS f
               (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, rule_due_at, status, created_at, updated_at)
        SELECT gen_random_uuid(), @consultantId, c.id, c.contact_phone, r.rule, m.id, m.created_at,
               m.created_at + make_interval(mins => r.delay_minutes), m.created_at + make_interval(mins => r.delay_minutes), 'pending', @now, @now
          FROM conversations c
          JOIN LATERAL (SELECT id, created_at FROM messages
                         WHERE consultant_id = @consultantId AND contact_phone = c.contact_phone AND direction = 'inbound'
                         ORDER BY created_at DESC LIMIT 1) m ON true
          JOIN whatsapp_followup_rules r ON r.consultant_id = @consultantId AND r.enabled AND r.rule = ANY(@rules)
               AND r.rule = ANY(CASE WHEN c.is_lead THEN ARRAY['lead_24h', 'lead_48h'] ELSE ARRAY['client_7d'] END)
         WHERE c.consultant_id = @consultantId AND {conversations} AND NOT c.opted_out
           AND m.created_at + make_interval(mins => r.delay_minutes) > @now
           -- A nudge still upcoming for the rule was moved onto the message above; one being sent by a live sweep
           -- does not count (that sweep sends it or moves it, and this silence keeps its own).
           AND NOT EXISTS (SELECT 1 FROM whatsapp_followup_reminders u
                            WHERE u.consultant_id = @consultantId AND u.contact_phone = c.contact_phone AND u.rule = r.rule
                              AND u.status IN ('pending', 'paused') AND (u.claimed_at IS NULL OR u.claimed_at < @leaseStart))
        ON CONFLICT (conversation_id, rule, anchor) DO UPDATE
           SET status = 'pending', reason = NULL, scheduled_for = excluded.scheduled_for, rule_due_at = excluded.rule_due_at,
               claimed_at = NULL, claims = 0, retries = 0, updated_at = excluded.updated_at
         WHERE f.status = 'cancelled' AND f.reason = @ruleOff AND {Unclaimed}
        RETURNING {FollowUpQuietHours.Returning}
        """;

    /// <summary>
    /// Conversations whose contact's last message (<c>m</c>) we answered, as the sender counts an answer: a silence is
    /// only after our answer (<see cref="FollowUpSender"/> refuses a nudge without one).
    /// </summary>
    private const string AnsweredAfterLastMessage =
        $"""
        EXISTS (SELECT 1 FROM messages o
                 WHERE o.consultant_id = @consultantId AND o.contact_phone = c.contact_phone AND {FollowUpReplyHold.OurAnswer}
                   AND o.created_at > m.created_at)
        """;

    /// <summary>Rows no live sweep holds (its claim is older than the lease).</summary>
    private const string Unclaimed = "(f.claimed_at IS NULL OR f.claimed_at < @leaseStart)";

    /// <summary>
    /// Moves upcoming silence nudges (those <paramref name="rows"/> selects) onto the contact's latest message: one per
    /// rule (the latest), forward only, not onto an anchor that has a row. The rule's current delay sets the new due
    /// time (its old distance from the anchor if the rule has no row). Conditions that a concurrent claim can change
    /// are checked again on the locked row (the outer WHERE), so a row claimed meanwhile is left alone.
    /// </summary>
    private static string Reanchor(string rows) =>
        $"""
        WITH latest AS (
            SELECT id, created_at FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @phone AND direction = 'inbound'
             ORDER BY created_at DESC LIMIT 1),
        moving AS (
            SELECT DISTINCT ON (f.rule) f.id, m.id AS anchor, m.created_at AS anchor_at,
                   m.created_at + coalesce(make_interval(mins => r.delay_minutes), coalesce(f.rule_due_at, f.scheduled_for) - f.anchor_at) AS due
              FROM whatsapp_followup_reminders f
              CROSS JOIN latest m
              LEFT JOIN whatsapp_followup_rules r ON r.consultant_id = f.consultant_id AND r.rule = f.rule
             WHERE f.consultant_id = @consultantId AND f.contact_phone = @phone AND f.rule = ANY(@silence)
               AND f.status IN ('pending', 'paused') AND f.anchor_at < m.created_at AND {rows}
               AND NOT EXISTS (SELECT 1 FROM whatsapp_followup_reminders d
                                WHERE d.conversation_id = f.conversation_id AND d.rule = f.rule AND d.anchor = m.id)
             ORDER BY f.rule, f.anchor_at DESC)
        UPDATE whatsapp_followup_reminders f
           SET anchor = v.anchor, anchor_at = v.anchor_at, scheduled_for = v.due, rule_due_at = v.due, claimed_at = NULL, claims = 0,
               retries = 0, reason = CASE WHEN f.status = 'paused' THEN f.reason END, updated_at = @now
          FROM moving v
         WHERE f.id = v.id AND f.status IN ('pending', 'paused') AND f.anchor_at < v.anchor_at AND {rows}
        RETURNING {FollowUpQuietHours.Returning}
        """;
}
