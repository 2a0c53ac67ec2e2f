using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The broadcasts and their recipients (migrations 0039, 0041). Status changes are conditional updates, so two callers (the
/// API and the scheduler, two silos) never both move a broadcast; recipients are claimed before each send. Every
/// statement names the consultant, except the scheduler's sweep of due and running broadcasts across consultants.
/// </summary>
public sealed partial class BroadcastStore(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    private const string Columns = """
        id AS Id, name AS Name, audience_group AS AudienceGroup, audience_tags AS AudienceTags, message_text AS MessageText, opt_out_hint AS OptOutHint,
        template_id AS TemplateId, template_variables::text AS TemplateVariables, status AS Status, status_reason AS StatusReason,
        scheduled_at AS ScheduledAt, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt
        """;

    public async Task InsertAsync(Guid consultantId, Broadcast broadcast)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO whatsapp_broadcasts (id, consultant_id, name, audience_group, audience_tags, message_text, opt_out_hint, template_id,
                                             template_variables, status, status_reason, scheduled_at, created_at, updated_at)
            VALUES (@Id, @consultantId, @Name, @AudienceGroup, @AudienceTags, @MessageText, @OptOutHint, @TemplateId,
                    CAST(@TemplateVariables AS jsonb), @Status, @StatusReason, @ScheduledAt, @CreatedAt, @CreatedAt)
            """,
            new
            {
                broadcast.Id, consultantId, broadcast.Name, broadcast.AudienceGroup, broadcast.AudienceTags, broadcast.MessageText, broadcast.OptOutHint,
                broadcast.TemplateId, broadcast.TemplateVariables, broadcast.Status, broadcast.StatusReason, broadcast.ScheduledAt, broadcast.CreatedAt,
            });
    }

    public async Task<Broadcast?> FindAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Broadcast>(
            $"SELECT {Columns} FROM whatsapp_broadcasts WHERE consultant_id = @consultantId AND id = @id", new { consultantId, id });
    }

    public async Task<IReadOnlyList<Broadcast>> ListAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Broadcast>(
            $"SELECT {Columns} FROM whatsapp_broadcasts WHERE consultant_id = @consultantId ORDER BY created_at DESC LIMIT 500",
            new { consultantId })).ToList();
    }

    /// <summary>Moves the broadcast from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in none of them.</summary>
    public async Task<bool> MoveAsync(Guid consultantId, Guid id, IReadOnlyList<string> from, string to, string? reason, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            """
            UPDATE whatsapp_broadcasts
               SET status = @to, status_reason = @reason, updated_at = @now,
                   finished_at = CASE WHEN @to IN ('completed', 'cancelled') THEN @now ELSE finished_at END
             WHERE consultant_id = @consultantId AND id = @id AND status = ANY(@from)
            """,
            new { consultantId, id, from = from.ToArray(), to, reason, now }) == 1;
    }

    /// <summary>Removes the broadcast while it is a draft (nothing of it was sent: its recipients are written when it starts); false otherwise.</summary>
    public async Task<bool> DeleteDraftAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM whatsapp_broadcasts WHERE consultant_id = @consultantId AND id = @id AND status = 'draft'",
            new { consultantId, id }) == 1;
    }

    /// <summary>
    /// Starts the broadcast (from draft or scheduled) and writes its recipients in the same transaction: one row per
    /// contact, queued or skipped with the reason. False when it was not startable (started already, say).
    /// </summary>
    public async Task<bool> StartAsync(
        Guid consultantId, Guid id, string? reason, IReadOnlyList<(string Phone, string? Name, string? SkipReason)> recipients, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var started = await connection.ExecuteAsync(
            """
            UPDATE whatsapp_broadcasts SET status = 'running', status_reason = @reason, started_at = @now, updated_at = @now
             WHERE consultant_id = @consultantId AND id = @id AND status IN ('draft', 'scheduled')
            """,
            new { consultantId, id, reason, now }, transaction);
        if (started == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO whatsapp_broadcast_recipients (broadcast_id, consultant_id, contact_phone, display_name, status, reason, next_attempt_at)
            SELECT @id, @consultantId, r.phone, r.name, CASE WHEN r.reason IS NULL THEN 'queued' ELSE 'skipped' END, r.reason, @now
              FROM unnest(@phones, @names, @reasons) AS r (phone, name, reason)
            ON CONFLICT (broadcast_id, contact_phone) DO NOTHING
            """,
            new
            {
                id, consultantId, now,
                phones = recipients.Select(r => r.Phone).ToArray(),
                names = recipients.Select(r => r.Name).ToArray(),
                reasons = recipients.Select(r => r.SkipReason).ToArray(),
            },
            transaction);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// After a restart: a recipient left "sending" whose message Twilio took (it has a sid) is sent; any other goes back
    /// to the queue (at most one duplicate per crash between Twilio's acceptance and recording the sid, as replies).
    /// </summary>
    public async Task RecoverInterruptedAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            $"""
            UPDATE whatsapp_broadcast_recipients r
               SET status = 'sent', message_id = m.id, sent_at = COALESCE(m.sent_at, m.created_at)
              FROM messages m
             WHERE r.consultant_id = @consultantId AND r.broadcast_id = @id AND r.status = 'sending'
               AND m.consultant_id = r.consultant_id AND m.contact_phone = r.contact_phone AND m.origin = '{MessageOrigin.Broadcast}'
               AND m.direction = 'outbound' AND m.created_at >= r.claimed_at AND m.twilio_sid IS NOT NULL;
            UPDATE whatsapp_broadcast_recipients SET status = 'queued'
             WHERE consultant_id = @consultantId AND broadcast_id = @id AND status = 'sending';
            """,
            new { consultantId, id });
    }

    /// <summary>The scheduler's sweep, across consultants: scheduled broadcasts due by <paramref name="now"/>, and running ones.</summary>
    public async Task<IReadOnlyList<(Guid ConsultantId, Guid Id, string Status, DateTimeOffset? ScheduledAt)>> DueOrRunningAsync(DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid, Guid, string, DateTime?)>(
            """
            SELECT consultant_id, id, status, scheduled_at FROM whatsapp_broadcasts
             WHERE (status = 'scheduled' AND scheduled_at <= @now) OR status = 'running'
            """,
            new { now });
        return rows.Select(r => (r.Item1, r.Item2, r.Item3, r.Item4 is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : (DateTimeOffset?)null))
            .ToList();
    }
}
