using Dapper;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// A silence nudge ("anything else?") must not go while the conversation needs the consultant's reply
/// (<c>conversations.needs_reply</c>: the contact asked for a person, or the AI could not answer): it is paused with
/// <see cref="FollowUpReasons.NeedsReply"/>, so the queue and the chat header say why it waits. Once the reply is no
/// longer owed it waits again, due that long after our last answer (the consultant's, normally), then placed out of
/// the contact's quiet hours. The sender checks the flag too (<see cref="FollowUpSender"/>): this only shows it early.
/// </summary>
public sealed class FollowUpReplyHold(NpgsqlDataSource dataSource, FollowUpQuietHours quietHours)
{
    /// <summary>
    /// Pauses or resumes the silence nudges of one conversation (<paramref name="phone"/> of
    /// <paramref name="consultantId"/>), of every conversation of the consultant (no phone: a rules save), or, both
    /// null, of every conversation (the sweep's sync).
    /// </summary>
    public async Task ApplyAsync(Guid? consultantId, string? phone, DateTimeOffset now)
    {
        var scope = consultantId is null ? ""
            : phone is null ? "AND f.consultant_id = @consultantId"
            : "AND f.consultant_id = @consultantId AND f.contact_phone = @phone";
        var values = new
        {
            consultantId, phone, now, leaseStart = now - FollowUpSchedule.Lease, silence = FollowUpRuleKeys.Silence.ToArray(),
            reason = FollowUpReasons.NeedsReply, aiOff = FollowUpReasons.AiOff,
        };
        IReadOnlyList<DueFollowUp> resumed;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // Both in one round trip: they change different rows (the conversation needs the reply, or it does not).
            // A nudge a live sweep holds is left to it: the sender refuses it by the same flag.
            resumed = (await connection.QueryAsync<DueFollowUp>(
                $"""
                UPDATE whatsapp_followup_reminders f SET status = 'paused', reason = @reason, claimed_at = NULL, claims = 0, updated_at = @now
                  FROM conversations c
                 WHERE c.consultant_id = f.consultant_id AND c.contact_phone = f.contact_phone AND c.needs_reply
                   AND f.status = 'pending' AND f.rule = ANY(@silence) AND (f.claimed_at IS NULL OR f.claimed_at < @leaseStart) {scope};
                WITH resuming AS (
                    SELECT f.id, c.ai_enabled,
                           a.at + coalesce(make_interval(mins => r.delay_minutes), coalesce(f.rule_due_at, f.scheduled_for) - f.anchor_at) AS due
                      FROM whatsapp_followup_reminders f
                      JOIN conversations c ON c.consultant_id = f.consultant_id AND c.contact_phone = f.contact_phone AND NOT c.needs_reply
                      LEFT JOIN whatsapp_followup_rules r ON r.consultant_id = f.consultant_id AND r.rule = f.rule
                      -- Our last answer, as the sender counts one (never a follow-up or a broadcast).
                      CROSS JOIN LATERAL (SELECT max(o.created_at) AS at FROM messages o
                                           WHERE o.consultant_id = f.consultant_id AND o.contact_phone = f.contact_phone
                                             AND {OurAnswer}) a
                     WHERE f.status = 'paused' AND f.reason = @reason {scope})
                UPDATE whatsapp_followup_reminders f
                   SET status = CASE WHEN v.ai_enabled THEN 'pending' ELSE 'paused' END,
                       reason = CASE WHEN v.ai_enabled THEN NULL ELSE @aiOff END,
                       scheduled_for = greatest(v.due, f.scheduled_for),
                       rule_due_at = greatest(v.due, f.rule_due_at), updated_at = @now
                  FROM resuming v
                 WHERE f.id = v.id AND f.status = 'paused' AND f.reason = @reason
                RETURNING {FollowUpQuietHours.Returning}
                """,
                values)).ToList();
        }

        await quietHours.PlaceAsync(resumed, now);
    }

    /// <summary>A message of ours that answers the contact (table alias <c>o</c>): never a follow-up or a broadcast.</summary>
    internal const string OurAnswer = "o.direction = 'outbound' AND o.origin IS DISTINCT FROM 'followup' AND o.origin IS DISTINCT FROM 'broadcast'";

    /// <summary>
    /// Whether <see cref="ApplyAsync"/> has anything to look at in one conversation: a silence nudge pending (it may have
    /// to be held) or one held for the reply (it may have to go again). One row, true or false; parameters consultantId,
    /// phone, silence, reason.
    /// </summary>
    internal const string Anything =
        """
        SELECT EXISTS (SELECT 1 FROM whatsapp_followup_reminders f
                        WHERE f.consultant_id = @consultantId AND f.contact_phone = @phone
                          AND (f.status = 'pending' AND f.rule = ANY(@silence) OR f.status = 'paused' AND f.reason = @reason))
        """;
}
