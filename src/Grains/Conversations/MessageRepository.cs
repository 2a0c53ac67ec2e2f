using Dapper;
using Npgsql;

namespace Consultant.Grains.Conversations;

/// <summary>The messages table. Every statement filters by consultant_id.</summary>
public sealed class MessageRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, direction, sender, body, twilio_sid AS TwilioSid, status, batch_id AS BatchId, created_at AS CreatedAt";

    /// <summary>Stores an inbound message once per MessageSid. Returns the stored row and whether this call stored it.</summary>
    public async Task<(MessageRow Row, bool Inserted)> InsertInboundAsync(
        Guid consultantId, string contactPhone, string sender, string body, string twilioSid, int numMedia,
        string? profileName, string? waId, DateTimeOffset receivedAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var id = Guid.NewGuid();
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, twilio_sid, status,
                                  num_media, profile_name, wa_id, created_at)
            VALUES (@id, @consultantId, @contactPhone, 'inbound', @sender, @body, @twilioSid, 'received',
                    @numMedia, @profileName, @waId, @receivedAt)
            ON CONFLICT (consultant_id, twilio_sid) WHERE twilio_sid IS NOT NULL DO NOTHING
            """,
            new { id, consultantId, contactPhone, sender, body, twilioSid, numMedia, profileName, waId, receivedAt });
        var row = await connection.QuerySingleAsync<MessageRow>(
            $"SELECT {Columns} FROM messages WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid",
            new { consultantId, twilioSid });
        return (row, inserted == 1);
    }

    public async Task AssignBatchAsync(Guid consultantId, IReadOnlyCollection<Guid> messageIds, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE messages SET batch_id = @batchId, is_batched = @isBatched
             WHERE consultant_id = @consultantId AND id = ANY(@ids)
            """,
            new { consultantId, batchId, isBatched = messageIds.Count > 1, ids = messageIds.ToArray() });
    }

    /// <summary>
    /// Records, before anything is sent, every part of the batch's reply (the batch id is the idempotency key).
    /// If an earlier attempt already recorded them, those parts are kept and returned instead.
    /// </summary>
    public async Task<IReadOnlyList<ReplyIntent>> RecordReplyIntentAsync(
        Guid consultantId, string contactPhone, Guid batchId, IReadOnlyList<string> parts, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var index = 0; index < parts.Count; index++)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, status,
                                      reply_to_batch_id, part_index, created_at)
                VALUES (@id, @consultantId, @contactPhone, 'outbound', 'ai', @body, 'sending', @batchId, @index, @now)
                ON CONFLICT (consultant_id, reply_to_batch_id, part_index) WHERE reply_to_batch_id IS NOT NULL DO NOTHING
                """,
                new { id = Guid.NewGuid(), consultantId, contactPhone, body = parts[index], batchId, index, now },
                transaction);
        }

        await transaction.CommitAsync();
        return await GetReplyIntentsAsync(consultantId, batchId);
    }

    /// <summary>The recorded parts of a batch's reply, in order; empty when none was recorded yet.</summary>
    public async Task<IReadOnlyList<ReplyIntent>> GetReplyIntentsAsync(Guid consultantId, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ReplyIntent>(
            """
            SELECT id, body, twilio_sid AS TwilioSid, status FROM messages
             WHERE consultant_id = @consultantId AND reply_to_batch_id = @batchId
             ORDER BY part_index
            """,
            new { consultantId, batchId });
        return rows.ToList();
    }

    public async Task MarkSentAsync(Guid consultantId, Guid messageId, string twilioSid, string status, DateTimeOffset sentAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE messages SET twilio_sid = @twilioSid, status = @status, sent_at = @sentAt, error = NULL
             WHERE consultant_id = @consultantId AND id = @messageId
            """,
            new { consultantId, messageId, twilioSid, status, sentAt });
    }

    public async Task MarkFailedAsync(Guid consultantId, Guid messageId, string error)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE messages SET status = 'failed', error = @error WHERE consultant_id = @consultantId AND id = @messageId",
            new { consultantId, messageId, error });
    }

    /// <summary>The last <paramref name="limit"/> messages of a conversation, oldest first.</summary>
    public async Task<IReadOnlyList<MessageRow>> GetRecentAsync(Guid consultantId, string contactPhone, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageRow>(
            $"""
            SELECT {Columns} FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone AND status <> 'failed'
             ORDER BY created_at DESC, part_index DESC LIMIT @limit
            """,
            new { consultantId, contactPhone, limit });
        return rows.Reverse().ToList();
    }

    /// <summary>Conversations with inbound messages not yet taken into a batch: what a restart must pick up.</summary>
    public async Task<IReadOnlyList<(Guid ConsultantId, string ContactPhone)>> FindUnbatchedConversationsAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid, string)>(
            "SELECT DISTINCT consultant_id, contact_phone FROM messages WHERE direction = 'inbound' AND batch_id IS NULL");
        return rows.ToList();
    }
}
