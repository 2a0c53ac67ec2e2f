using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;
using static Consultant.Grains.Messages.MessageColumns;

namespace Consultant.Grains.Inbound;

/// <summary>
/// Where an outbound message has got: Twilio's sid when it took the message, then the statuses of its callbacks (or
/// of polling), forward only. Applied only through <see cref="DeliveryStatusUpdates"/> and the sender. Every statement
/// filters by consultant_id.
/// </summary>
public sealed class DeliveryStatusStore(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    /// <summary>
    /// Twilio took the message: records its sid, then any status callback that overtook this response. Under the
    /// sid's lock, so a callback arriving meanwhile is either seen here or finds the sid; and safe to retry (the status
    /// never moves back). The usual case (no callback came first) is one round trip: the lock, the sid and the look for
    /// early callbacks in one round trip and one transaction (the lock holds to its end).
    /// </summary>
    /// <param name="uncountedAttempts">Attempts the sender made without counting them yet (the first: <see cref="Outbound.OutboundSender"/>), added with the sid.</param>
    public async Task MarkSentAsync(Guid consultantId, Guid messageId, string twilioSid, string status, DateTimeOffset sentAt, int uncountedAttempts = 0)
    {
        // The lock, then the count with the update riding in it: the count's snapshot is taken once the lock is held,
        // so a callback that found no sid and waits is counted.
        var results = await shared.RunAsync(
            new { key = LockKey(consultantId, twilioSid), consultantId, messageId, twilioSid, status, sentAt, uncountedAttempts },
            SharedStatement.Query<int>(LockSql),
            SharedStatement.Query<long>(RecordSidSql));
        if (results.Single<long>(1) == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        // Rare: a callback overtook the response and waits. Applied under the lock again (the sid is recorded now, so
        // no new one waits; one arriving meanwhile advances the message itself, and the status never moves back).
        await using var transaction = await connection.BeginTransactionAsync();
        await LockSidAsync(connection, transaction, consultantId, twilioSid);
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

    /// <summary>Early callbacks for sids never recorded (the send's response was lost in a crash): kept a day, then dropped.</summary>
    public async Task ForgetStaleEarlyCallbacksAsync(DateTimeOffset olderThan)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM early_status_callbacks WHERE received_at < @olderThan", new { olderThan });
    }

    /// <summary>Serialises the writers of one message's status (the send's record and Twilio's callbacks).</summary>
    private static Task LockSidAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid consultantId, string twilioSid) =>
        connection.ExecuteAsync(LockSql, new { key = LockKey(consultantId, twilioSid) }, transaction);

    private const string LockSql = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(@key, 0))";

    private static string LockKey(Guid consultantId, string twilioSid) => $"status:{consultantId:N}:{twilioSid}";

    /// <summary>The sid recorded (status forward only), then how many callbacks for it wait: built once, sent on every reply.</summary>
    private static readonly string RecordSidSql =
        $"""
        WITH recorded AS (
            UPDATE messages SET twilio_sid = @twilioSid, sent_at = COALESCE(sent_at, @sentAt), error = NULL,
                   attempts = attempts + CASE WHEN twilio_sid IS NULL THEN @uncountedAttempts ELSE 0 END, -- once, if recorded again
                   status = CASE WHEN {StatusRank("status")} < {StatusRank("@status")} THEN @status ELSE status END
             WHERE consultant_id = @consultantId AND id = @messageId)
        SELECT count(*) FROM early_status_callbacks WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid
        """;

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
}
