using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Broadcasts;

/// <summary>A broadcast's tries found by their messages: for the status callbacks, the chat and replies credited to a broadcast.</summary>
public sealed partial class BroadcastStore
{
    /// <summary>The message of the recipient's latest try, if it made one (what a new try replaces in the chat).</summary>
    public async Task<Guid?> LatestTryAsync(Guid consultantId, Guid id, string phone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<Guid?>(
            "SELECT message_id FROM whatsapp_broadcast_recipients WHERE consultant_id = @consultantId AND broadcast_id = @id AND contact_phone = @phone",
            new { consultantId, id, phone });
    }

    /// <summary>Twilio's error code and the reason of a message that already failed (a callback ahead of the row); null otherwise.</summary>
    public async Task<(int? ErrorCode, string? Error)?> FailureOfAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<(int?, string?)?>(
            "SELECT twilio_error_code, error FROM messages WHERE consultant_id = @consultantId AND id = @messageId AND status IN ('failed', 'undelivered')",
            new { consultantId, messageId });
    }

    /// <summary>Twilio's error code of a message that failed, if it gave one.</summary>
    public async Task<int?> ErrorCodeOfAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int?>(
            "SELECT twilio_error_code FROM messages WHERE consultant_id = @consultantId AND id = @messageId", new { consultantId, messageId });
    }

    /// <summary>The broadcast recipient a sent message belongs to, if any.</summary>
    public async Task<(Guid BroadcastId, string Phone, int Attempts)?> FindByMessageAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<(Guid, string, int)?>(
            "SELECT broadcast_id, contact_phone, attempts FROM whatsapp_broadcast_recipients WHERE consultant_id = @consultantId AND message_id = @messageId",
            new { consultantId, messageId });
    }

    /// <summary>
    /// The broadcast this inbound message is the reply to: the contact's latest automated message of the last 72 hours
    /// was that broadcast's, and nothing else came from them since. Null for any other message (most of them).
    /// </summary>
    public async Task<Guid?> RepliedBroadcastAsync(Guid consultantId, string phone, Guid messageId, DateTimeOffset at)
    {
        return await shared.QuerySingleOrDefaultAsync<Guid?>(
            $"""
            SELECT r.broadcast_id
              FROM (SELECT id, created_at, origin FROM messages
                     WHERE consultant_id = @consultantId AND contact_phone = @phone AND direction = 'outbound'
                       AND origin IN ('{string.Join("', '", MessageOrigin.Automated)}') AND status NOT IN ('cancelled', 'failed', 'undelivered')
                       AND created_at >= @since AND created_at <= @at
                     ORDER BY created_at DESC LIMIT 1) m
              JOIN whatsapp_broadcast_recipients r ON r.consultant_id = @consultantId AND r.message_id = m.id
             WHERE m.origin = '{MessageOrigin.Broadcast}'
               AND NOT EXISTS (SELECT 1 FROM messages i
                                WHERE i.consultant_id = @consultantId AND i.contact_phone = @phone AND i.direction = 'inbound'
                                  AND i.created_at > m.created_at AND i.id <> @messageId)
             LIMIT 1
            """,
            new { consultantId, phone, messageId, at, since = at - TimeSpan.FromHours(72) });
    }
}
