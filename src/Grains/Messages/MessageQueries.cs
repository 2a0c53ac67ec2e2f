using Consultant.Grains.Abstractions;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;
using static Consultant.Grains.Messages.MessageColumns;

namespace Consultant.Grains.Messages;

/// <summary>Messages as they are read: the chat's pages, the failed-sends alert, one message, the AI's history. Every statement filters by consultant_id.</summary>
public sealed class MessageQueries(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    /// <summary>
    /// A page of a conversation, newest first: <paramref name="limit"/> messages older than <paramref name="before"/>.
    /// A try that was tried again (<see cref="MessageRetry.ReplacedBy"/>) is left out: the chat shows the message once, as its latest try.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessageView>> PageAsync(Guid consultantId, string contactPhone, Guid? before, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageViewRecord>(
            $"""
            SELECT {ViewColumns} FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone AND replaced_by IS NULL
               AND (@before::uuid IS NULL OR (created_at, part_index, id) < (
                    SELECT created_at, part_index, id FROM messages WHERE consultant_id = @consultantId AND id = @before))
             ORDER BY created_at DESC, part_index DESC, id DESC LIMIT @limit
            """,
            new { consultantId, contactPhone, before, limit });
        return rows.Select(r => r.ToView(consultantId)).ToList();
    }

    /// <summary>Outbound messages that failed in the last <paramref name="days"/> days, newest first: the dashboard's alert (not a try that is tried again).</summary>
    public async Task<IReadOnlyList<ChatMessageView>> ListFailedAsync(Guid consultantId, int days, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageViewRecord>(
            $"""
            SELECT {ViewColumns} FROM messages
             WHERE consultant_id = @consultantId AND direction = 'outbound' AND status IN ('failed', 'undelivered') AND retry_at IS NULL
               AND created_at > now() - make_interval(days => @days)
             ORDER BY created_at DESC LIMIT @limit
            """,
            new { consultantId, days, limit });
        return rows.Select(r => r.ToView(consultantId)).ToList();
    }

    public async Task<ChatMessageView?> FindViewAsync(Guid consultantId, Guid messageId)
    {
        var row = await shared.QuerySingleOrDefaultAsync<MessageViewRecord>(
            $"SELECT {ViewColumns} FROM messages WHERE consultant_id = @consultantId AND id = @messageId",
            new { consultantId, messageId });
        return row?.ToView(consultantId);
    }

    public async Task<ChatMessageView?> FindViewBySidAsync(Guid consultantId, string twilioSid)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<MessageViewRecord>(
            $"SELECT {ViewColumns} FROM messages WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid",
            new { consultantId, twilioSid });
        return row?.ToView(consultantId);
    }

    /// <summary>The last <paramref name="limit"/> messages of a conversation, oldest first.</summary>
    public async Task<IReadOnlyList<MessageRow>> GetRecentAsync(Guid consultantId, string contactPhone, int limit)
    {
        var rows = await shared.QueryAsync<MessageRow>(
            $"""
            SELECT {Columns} FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone AND status NOT IN ('failed', 'cancelled')
             ORDER BY created_at DESC, part_index DESC LIMIT @limit
            """,
            new { consultantId, contactPhone, limit });
        return rows.Reverse().ToList();
    }
}
