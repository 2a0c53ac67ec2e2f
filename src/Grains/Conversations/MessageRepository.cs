using Consultant.Grains.Abstractions;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Conversations;

/// <summary>The messages table. Every statement filters by consultant_id.</summary>
public sealed class MessageRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, direction, sender, body, twilio_sid AS TwilioSid, status, batch_id AS BatchId, created_at AS CreatedAt, channel, num_media AS NumMedia";

    private const string ViewColumns =
        """
        id, contact_phone AS ContactPhone, direction, sender, body, status, num_media AS NumMedia, channel, error,
        created_at AS CreatedAt, attempts
        """;

    /// <summary>Stores an inbound message once per MessageSid. Returns the stored row and whether this call stored it.</summary>
    public async Task<(MessageRow Row, bool Inserted)> InsertInboundAsync(
        Guid consultantId, string contactPhone, string sender, string body, string twilioSid, int numMedia,
        string? profileName, string? waId, DateTimeOffset receivedAt, string channel)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var inserted = await connection.QuerySingleOrDefaultAsync<MessageRow>(
            $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, twilio_sid, status,
                                  num_media, profile_name, wa_id, created_at, channel)
            VALUES (@id, @consultantId, @contactPhone, 'inbound', @sender, @body, @twilioSid, 'received',
                    @numMedia, @profileName, @waId, @receivedAt, @channel)
            ON CONFLICT (consultant_id, twilio_sid) WHERE twilio_sid IS NOT NULL DO NOTHING
            RETURNING {Columns}
            """,
            new { id = Guid.NewGuid(), consultantId, contactPhone, sender, body, twilioSid, numMedia, profileName, waId, receivedAt, channel });
        if (inserted is not null)
        {
            return (inserted, true);
        }

        var existing = await connection.QuerySingleAsync<MessageRow>(
            $"SELECT {Columns} FROM messages WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid",
            new { consultantId, twilioSid });
        return (existing, false);
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
        Guid consultantId, string contactPhone, Guid batchId, IReadOnlyList<string> parts, string channel, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var index = 0; index < parts.Count; index++)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, status,
                                      reply_to_batch_id, part_index, created_at, channel)
                VALUES (@id, @consultantId, @contactPhone, 'outbound', 'ai', @body, 'sending', @batchId, @index, @now, @channel)
                ON CONFLICT (consultant_id, reply_to_batch_id, part_index) WHERE reply_to_batch_id IS NOT NULL DO NOTHING
                """,
                new { id = Guid.NewGuid(), consultantId, contactPhone, body = parts[index], batchId, index, now, channel },
                transaction);
        }

        await transaction.CommitAsync();
        return await ReadReplyIntentsAsync(connection, consultantId, batchId); // same connection: never hold two at once
    }

    /// <summary>The recorded parts of a batch's reply, in order; empty when none was recorded yet.</summary>
    public async Task<IReadOnlyList<ReplyIntent>> GetReplyIntentsAsync(Guid consultantId, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ReadReplyIntentsAsync(connection, consultantId, batchId);
    }

    private static async Task<IReadOnlyList<ReplyIntent>> ReadReplyIntentsAsync(NpgsqlConnection connection, Guid consultantId, Guid batchId)
    {
        var rows = await connection.QueryAsync<ReplyIntent>(
            """
            SELECT id, body, twilio_sid AS TwilioSid, status, channel FROM messages
             WHERE consultant_id = @consultantId AND reply_to_batch_id = @batchId
             ORDER BY part_index
            """,
            new { consultantId, batchId });
        return rows.ToList();
    }

    /// <summary>A message the consultant typed, stored before it is sent.</summary>
    /// <param name="id">The message's id when it is chosen beforehand (an attachment is stored under it first).</param>
    public async Task<ChatMessageView> InsertConsultantMessageAsync(
        Guid consultantId, string contactPhone, string body, string channel, DateTimeOffset now, Guid? id = null, int numMedia = 0)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<MessageViewRecord>(
            $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, status, created_at, channel, num_media)
            VALUES (@id, @consultantId, @contactPhone, 'outbound', 'consultant', @body, 'sending', @now, @channel, @numMedia)
            RETURNING {ViewColumns}
            """,
            new { id = id ?? Guid.NewGuid(), consultantId, contactPhone, body, now, channel, numMedia });
        return row.ToView(consultantId);
    }

    /// <summary>A page of a conversation, newest first: <paramref name="limit"/> messages older than <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<ChatMessageView>> PageAsync(Guid consultantId, string contactPhone, Guid? before, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageViewRecord>(
            $"""
            SELECT {ViewColumns} FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone
               AND (@before::uuid IS NULL OR (created_at, part_index, id) < (
                    SELECT created_at, part_index, id FROM messages WHERE consultant_id = @consultantId AND id = @before))
             ORDER BY created_at DESC, part_index DESC, id DESC LIMIT @limit
            """,
            new { consultantId, contactPhone, before, limit });
        return rows.Select(r => r.ToView(consultantId)).ToList();
    }

    /// <summary>Outbound messages that failed in the last <paramref name="days"/> days, newest first: the dashboard's alert.</summary>
    public async Task<IReadOnlyList<ChatMessageView>> ListFailedAsync(Guid consultantId, int days, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageViewRecord>(
            $"""
            SELECT {ViewColumns} FROM messages
             WHERE consultant_id = @consultantId AND direction = 'outbound' AND status IN ('failed', 'undelivered')
               AND created_at > now() - make_interval(days => @days)
             ORDER BY created_at DESC LIMIT @limit
            """,
            new { consultantId, days, limit });
        return rows.Select(r => r.ToView(consultantId)).ToList();
    }

    public async Task<ChatMessageView?> FindViewAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<MessageViewRecord>(
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

    /// <summary>Dapper's shape of a row; the public shape is <see cref="ChatMessageView"/>.</summary>
    private sealed record MessageViewRecord(
        Guid Id, string ContactPhone, string Direction, string Sender, string Body, string Status, int NumMedia, string Channel,
        string? Error, DateTimeOffset CreatedAt, int Attempts)
    {
        public ChatMessageView ToView(Guid consultantId) => new(
            Id, ConversationKey.IdFor(consultantId, ContactPhone), ContactPhone, Direction, Sender, Body, Status, NumMedia,
            Channel, Error, CreatedAt, Attempts);
    }

    /// <summary>
    /// Twilio took the message: records its sid, then any status callback that overtook this response. One
    /// transaction under the sid's lock, so a callback arriving meanwhile is either seen here or finds the sid; and
    /// safe to retry (the status never moves back).
    /// </summary>
    public async Task MarkSentAsync(Guid consultantId, Guid messageId, string twilioSid, string status, DateTimeOffset sentAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LockSidAsync(connection, transaction, consultantId, twilioSid);
        await connection.ExecuteAsync(
            $"""
            UPDATE messages SET twilio_sid = @twilioSid, sent_at = COALESCE(sent_at, @sentAt), error = NULL,
                   status = CASE WHEN {StatusRank("status")} < {StatusRank("@status")} THEN @status ELSE status END
             WHERE consultant_id = @consultantId AND id = @messageId
            """,
            new { consultantId, messageId, twilioSid, status, sentAt },
            transaction);

        var early = await connection.QueryAsync<(string Status, int? ErrorCode, string? Error, DateTime At)>(
            """
            DELETE FROM early_status_callbacks WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid
            RETURNING status, twilio_error_code, error, received_at
            """,
            new { consultantId, twilioSid },
            transaction);
        foreach (var callback in early.OrderBy(c => c.At))
        {
            var at = new DateTimeOffset(DateTime.SpecifyKind(callback.At, DateTimeKind.Utc));
            await connection.ExecuteAsync(AdvanceSql, new
            {
                consultantId, twilioSid, status = callback.Status, errorCode = callback.ErrorCode, errorText = callback.Error, at,
            }, transaction);
        }

        await transaction.CommitAsync();
    }

    /// <summary>Serialises the writers of one message's status (the send's record and Twilio's callbacks).</summary>
    private static Task LockSidAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid consultantId, string twilioSid) =>
        connection.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"status:{consultantId:N}:{twilioSid}" },
            transaction);

    /// <summary>Early callbacks for sids never recorded (the send's response was lost in a crash): kept a day, then dropped.</summary>
    public async Task ForgetStaleEarlyCallbacksAsync(DateTimeOffset olderThan)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM early_status_callbacks WHERE received_at < @olderThan", new { olderThan });
    }

    /// <summary>The parts of a batch's reply not yet sent, when the consultant answered instead: never sent, shown as such.</summary>
    public async Task CancelUnsentRepliesAsync(Guid consultantId, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE messages SET status = 'cancelled', error = 'Not sent: answered by hand, or the contact opted out.'
             WHERE consultant_id = @consultantId AND reply_to_batch_id = @batchId AND twilio_sid IS NULL
            """,
            new { consultantId, batchId });
    }

    /// <summary>
    /// A status from Twilio for one of this consultant's outbound messages. Status only moves forward
    /// (sending, queued, sent, delivered, read; failed and undelivered are final), so callbacks arriving out of order
    /// never move it back. A callback for a sid not recorded yet (it overtook the send's response) waits in
    /// early_status_callbacks until <see cref="MarkSentAsync"/> records the sid. Returns the message as it is now,
    /// or null when nothing changed.
    /// </summary>
    public async Task<ChatMessageView?> AdvanceStatusAsync(
        Guid consultantId, string twilioSid, string status, int? errorCode, string? errorText, DateTimeOffset at, bool rememberIfUnknown = true)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LockSidAsync(connection, transaction, consultantId, twilioSid);
        var row = await connection.QuerySingleOrDefaultAsync<MessageViewRecord>(
            $"""
            WITH advanced AS ({AdvanceSql}),
            early AS (
                INSERT INTO early_status_callbacks (consultant_id, twilio_sid, status, twilio_error_code, error, received_at)
                SELECT @consultantId, @twilioSid, @status, @errorCode, @errorText, @at
                 WHERE @rememberIfUnknown
                   AND NOT EXISTS (SELECT 1 FROM messages WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid))
            SELECT * FROM advanced
            """,
            new { consultantId, twilioSid, status, errorCode, errorText, at, rememberIfUnknown },
            transaction);
        await transaction.CommitAsync();
        return row?.ToView(consultantId);
    }

    private static readonly string AdvanceSql =
        $"""
        UPDATE messages SET status = @status,
               sent_at = CASE WHEN @status IN ('sent', 'delivered', 'read') THEN COALESCE(sent_at, @at) ELSE sent_at END,
               delivered_at = CASE WHEN @status IN ('delivered', 'read') THEN COALESCE(delivered_at, @at) ELSE delivered_at END,
               read_at = CASE WHEN @status = 'read' THEN COALESCE(read_at, @at) ELSE read_at END,
               failed_at = CASE WHEN @status IN ('failed', 'undelivered') THEN @at ELSE failed_at END,
               twilio_error_code = COALESCE(@errorCode, twilio_error_code),
               error = COALESCE(@errorText, error)
         WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid AND direction = 'outbound'
           AND {StatusRank("status")} < {StatusRank("@status")}
        RETURNING {ViewColumns}
        """;

    /// <summary>How far a message has got; failed and undelivered are final (nothing moves past them).</summary>
    private static string StatusRank(string column) =>
        $"""
        (CASE {column} WHEN 'sending' THEN 0 WHEN 'accepted' THEN 1 WHEN 'queued' THEN 1 WHEN 'sent' THEN 2
                       WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 WHEN 'failed' THEN 9 WHEN 'undelivered' THEN 9 WHEN 'cancelled' THEN 9 ELSE -1 END)
        """;

    /// <summary>One more attempt at sending this message (counted before Twilio is asked).</summary>
    public async Task CountAttemptAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE messages SET attempts = attempts + 1 WHERE consultant_id = @consultantId AND id = @messageId",
            new { consultantId, messageId });
    }

    public async Task MarkFailedAsync(Guid consultantId, Guid messageId, string error, int? twilioErrorCode = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE messages SET status = 'failed', error = @error, twilio_error_code = @twilioErrorCode, failed_at = now()
             WHERE consultant_id = @consultantId AND id = @messageId
            """,
            new { consultantId, messageId, error, twilioErrorCode });
    }

    /// <summary>The last <paramref name="limit"/> messages of a conversation, oldest first.</summary>
    public async Task<IReadOnlyList<MessageRow>> GetRecentAsync(Guid consultantId, string contactPhone, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageRow>(
            $"""
            SELECT {Columns} FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone AND status NOT IN ('failed', 'cancelled')
             ORDER BY created_at DESC, part_index DESC LIMIT @limit
            """,
            new { consultantId, contactPhone, limit });
        return rows.Reverse().ToList();
    }

    /// <summary>Marks the batch's inbound messages as dealt with (answered, or flagged for the consultant).</summary>
    public async Task MarkBatchHandledAsync(Guid consultantId, Guid batchId, DateTimeOffset handledAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE messages SET handled_at = @handledAt
             WHERE consultant_id = @consultantId AND batch_id = @batchId AND direction = 'inbound'
            """,
            new { consultantId, batchId, handledAt });
    }

    /// <summary>This conversation's inbound messages not yet dealt with, oldest first.</summary>
    public async Task<IReadOnlyList<MessageRow>> GetUnhandledInboundAsync(Guid consultantId, string contactPhone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageRow>(
            $"""
            SELECT {Columns} FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone
               AND direction = 'inbound' AND handled_at IS NULL
             ORDER BY created_at
            """,
            new { consultantId, contactPhone });
        return rows.ToList();
    }

    /// <summary>
    /// Conversations owing a reply for a message received before <paramref name="receivedBefore"/>: what a restart,
    /// or the recovery sweep, must wake.
    /// </summary>
    public async Task<IReadOnlyList<(Guid ConsultantId, string ContactPhone)>> FindConversationsOwingAReplyAsync(
        DateTimeOffset receivedBefore, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid, string)>(
            """
            SELECT DISTINCT consultant_id, contact_phone FROM messages
             WHERE direction = 'inbound' AND handled_at IS NULL AND created_at < @receivedBefore
             LIMIT @limit
            """,
            new { receivedBefore, limit });
        return rows.ToList();
    }
}
