using Dapper;
using Npgsql;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// What a broadcast's report reads of its recipients: the counts, the reasons of failures and skips, the recent
/// failure rate the quality guard watches, and the recipients page (and CSV). Read only; every statement names the consultant.
/// </summary>
public sealed class BroadcastReportQueries(NpgsqlDataSource dataSource)
{
    public async Task<BroadcastCounts> CountsAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<BroadcastCounts>(
            """
            SELECT count(*)::int AS Total,
                   (count(*) FILTER (WHERE r.status IN ('queued', 'sending')))::int AS Queued,
                   (count(*) FILTER (WHERE r.status = 'sent'))::int AS Sent,
                   (count(*) FILTER (WHERE r.status = 'sent' AND m.status IN ('delivered', 'read')))::int AS Delivered,
                   (count(*) FILTER (WHERE r.status = 'sent' AND m.status = 'read'))::int AS Read,
                   (count(*) FILTER (WHERE r.status = 'failed'))::int AS Failed,
                   (count(*) FILTER (WHERE r.status = 'skipped'))::int AS Skipped,
                   count(a.reply_message_id)::int AS Replied
              FROM whatsapp_broadcast_recipients r
              LEFT JOIN messages m ON m.consultant_id = r.consultant_id AND m.id = r.message_id
              LEFT JOIN automation_replies a ON a.consultant_id = r.consultant_id AND a.automated_message_id = r.message_id
             WHERE r.consultant_id = @consultantId AND r.broadcast_id = @id
            """,
            new { consultantId, id });
    }

    public async Task<IReadOnlyList<BroadcastReasonCount>> ReasonsAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<BroadcastReasonCount>(
            """
            SELECT status AS Status, reason AS Reason, count(*)::int AS Contacts FROM whatsapp_broadcast_recipients
             WHERE consultant_id = @consultantId AND broadcast_id = @id AND status IN ('failed', 'skipped') AND reason IS NOT NULL
             GROUP BY status, reason ORDER BY count(*) DESC
            """,
            new { consultantId, id })).ToList();
    }

    /// <summary>Of the latest <paramref name="window"/> sends (sent or failed), how many failed.</summary>
    public async Task<(int Failed, int Considered)> QualityAsync(Guid consultantId, Guid id, int window)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(int, int)>(
            """
            SELECT (count(*) FILTER (WHERE status = 'failed'))::int, count(*)::int FROM (
                SELECT status FROM whatsapp_broadcast_recipients
                 WHERE consultant_id = @consultantId AND broadcast_id = @id AND status IN ('sent', 'failed') AND claimed_at IS NOT NULL
                 ORDER BY claimed_at DESC LIMIT @window) latest
            """,
            new { consultantId, id, window });
    }

    public async Task<IReadOnlyList<BroadcastRecipient>> RecipientsAsync(Guid consultantId, Guid id, string? status, int offset, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<BroadcastRecipient>(
            """
            SELECT r.contact_phone AS ContactPhone, r.display_name AS Name, r.status AS Status, r.reason AS Reason, r.error_code AS ErrorCode,
                   r.attempts AS Attempts, r.message_id AS MessageId, m.status AS MessageStatus, r.sent_at AS SentAt, a.replied_at AS RepliedAt
              FROM whatsapp_broadcast_recipients r
              LEFT JOIN messages m ON m.consultant_id = r.consultant_id AND m.id = r.message_id
              LEFT JOIN automation_replies a ON a.consultant_id = r.consultant_id AND a.automated_message_id = r.message_id
             WHERE r.consultant_id = @consultantId AND r.broadcast_id = @id AND (@status::text IS NULL OR r.status = @status)
             ORDER BY r.contact_phone OFFSET @offset LIMIT @limit
            """,
            new { consultantId, id, status, offset, limit })).ToList();
    }
}
