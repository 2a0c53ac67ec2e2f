using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Broadcasts;

/// <summary>The recipients' queue of a running broadcast: claiming the due, recording each try, retries, completing and cancelling under the broadcast's row lock.</summary>
public sealed partial class BroadcastStore
{
    /// <summary>
    /// Claims up to <paramref name="count"/> due recipients in one round trip (marks them sending, counts the try), in
    /// queue order; none when the broadcast is no longer running or none is due now. The due rows are picked once
    /// (MATERIALIZED): as a subquery the planner may run them again for each row updated, and each run skips the rows
    /// this statement already claimed, so a batch of 20 claimed the whole queue.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedRecipient>> ClaimDueAsync(Guid consultantId, Guid id, int count, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var claimed = await connection.QueryAsync<(string ContactPhone, string? Name, int Attempts, DateTime Due)>(
            """
            WITH due AS MATERIALIZED (
                SELECT contact_phone, next_attempt_at FROM whatsapp_broadcast_recipients
                 WHERE broadcast_id = @id AND consultant_id = @consultantId AND status = 'queued' AND next_attempt_at <= @now
                   AND EXISTS (SELECT 1 FROM whatsapp_broadcasts b WHERE b.consultant_id = @consultantId AND b.id = @id AND b.status = 'running')
                 ORDER BY next_attempt_at, contact_phone LIMIT @count FOR UPDATE SKIP LOCKED)
            UPDATE whatsapp_broadcast_recipients r
               SET status = 'sending', claimed_at = @now, attempts = r.attempts + 1
              FROM due
             WHERE r.broadcast_id = @id AND r.consultant_id = @consultantId AND r.contact_phone = due.contact_phone AND r.status = 'queued'
            RETURNING r.contact_phone, r.display_name, r.attempts, due.next_attempt_at
            """,
            new { consultantId, id, count, now });
        return claimed.OrderBy(r => r.Due).ThenBy(r => r.ContactPhone, StringComparer.Ordinal)
            .Select(r => new ClaimedRecipient(r.ContactPhone, r.Name, r.Attempts)).ToList();
    }

    /// <summary>
    /// Gives back recipients claimed but not sent (a pause, a cancel, a rate limit's wait): queued again, their try
    /// not counted. Only rows still "sending": one recorded meanwhile stays as recorded.
    /// </summary>
    public async Task ReleaseAsync(Guid consultantId, Guid id, IReadOnlyList<string> phones)
    {
        if (phones.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_broadcast_recipients SET status = 'queued', attempts = greatest(attempts - 1, 0)
             WHERE consultant_id = @consultantId AND broadcast_id = @id AND contact_phone = ANY(@phones) AND status = 'sending'
            """,
            new { consultantId, id, phones = phones.ToArray() });
    }

    /// <summary>When the next queued recipient is due (a retry later), or null when none is queued.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var next = await connection.ExecuteScalarAsync<DateTime?>(
            "SELECT min(next_attempt_at) FROM whatsapp_broadcast_recipients WHERE consultant_id = @consultantId AND broadcast_id = @id AND status IN ('queued', 'sending')",
            new { consultantId, id });
        return next is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    /// <summary>Records what became of a claimed recipient (sent with its message, failed or skipped with the reason).</summary>
    public async Task RecordAsync(
        Guid consultantId, Guid id, string phone, string status, string? reason, int? errorCode, Guid? messageId, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE whatsapp_broadcast_recipients
               SET status = @status, reason = @reason, error_code = @errorCode, message_id = COALESCE(@messageId, message_id),
                   sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END
             WHERE consultant_id = @consultantId AND broadcast_id = @id AND contact_phone = @phone
            """,
            new { consultantId, id, phone, status, reason, errorCode, messageId, now });
    }

    /// <summary>
    /// Completes the running broadcast when nothing of it is queued or being sent; false when something is (a late
    /// 131049 put a recipient back) or it is no longer running. The broadcast's row is locked first, as
    /// <see cref="RequeueAsync"/> locks it, and only then are the recipients read, by a later statement whose snapshot
    /// sees every requeue committed before the lock. In one statement the check would read a snapshot taken before it
    /// waited for the lock, miss a requeue committed meanwhile, and leave the broadcast completed with a recipient queued
    /// that nothing would send (the scheduler wakes only running broadcasts).
    /// </summary>
    public async Task<bool> CompleteAsync(Guid consultantId, Guid id, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LockAsync(connection, transaction, consultantId, id);
        var completed = await connection.ExecuteAsync(
            """
            UPDATE whatsapp_broadcasts SET status = 'completed', finished_at = @now, updated_at = @now
             WHERE consultant_id = @consultantId AND id = @id AND status = 'running'
               AND NOT EXISTS (SELECT 1 FROM whatsapp_broadcast_recipients
                                WHERE consultant_id = @consultantId AND broadcast_id = @id AND status IN ('queued', 'sending'))
            """,
            new { consultantId, id, now }, transaction) == 1; // the reason ("started late") stays said
        await transaction.CommitAsync();
        return completed;
    }

    /// <summary>
    /// Puts a recipient back in the queue until <paramref name="notBefore"/> (a rate or marketing limit), saying why; its
    /// try (<paramref name="messageId"/>, else the message it recorded) is marked as waiting for that time with the same
    /// reason, and the next try replaces it in the chat. A completed broadcast goes on (running again, no longer ended,
    /// its reason kept) for the contact to be tried again; a paused one tries them once resumed. A cancelled one tries
    /// nobody again: the recipient ends failed instead, and its try stops waiting, both saying why
    /// (<see cref="CancelledRetryReason"/>). Returns that try's message, if there is one, and whether it waits.
    /// </summary>
    /// <remarks>
    /// Under the broadcast's row lock, as <see cref="CompleteAsync"/> and <see cref="CancelAsync"/>: either the completion
    /// (or the cancel) comes first, and this sees it, or this comes first, and it sees the recipient queued. Never
    /// completed with a recipient queued, never cancelled with one waiting.
    /// </remarks>
    public async Task<(Guid? Try, bool Waits)> RequeueAsync(
        Guid consultantId, Guid id, string phone, DateTimeOffset notBefore, string? reason, int? errorCode, DateTimeOffset now, Guid? messageId = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var status = await LockAsync(connection, transaction, consultantId, id);
        if (status == BroadcastStatus.Cancelled)
        {
            var ended = await EndWaitingAsync(
                connection, transaction, consultantId, id, [(phone, CancelledRetryReason.For(errorCode))], RecipientStatus.All, errorCode, messageId);
            await transaction.CommitAsync();
            return (ended.SingleOrDefault(), false);
        }

        var (waiting, requeued) = await connection.QuerySingleAsync<(Guid?, bool)>(
            """
            WITH recipient AS (
                UPDATE whatsapp_broadcast_recipients
                   SET status = 'queued', next_attempt_at = @notBefore, reason = @reason, error_code = @errorCode, message_id = COALESCE(@messageId, message_id)
                 WHERE consultant_id = @consultantId AND broadcast_id = @id AND contact_phone = @phone
                RETURNING message_id),
            waiting AS (
                UPDATE messages SET retry_at = @notBefore, error = COALESCE(@reason, error)
                 WHERE consultant_id = @consultantId AND id = (SELECT message_id FROM recipient) AND direction = 'outbound'
                RETURNING id)
            SELECT (SELECT id FROM waiting), EXISTS (SELECT 1 FROM recipient)
            """,
            new { consultantId, id, phone, notBefore, reason, errorCode, messageId }, transaction);
        if (requeued && status == BroadcastStatus.Completed)
        {
            await connection.ExecuteAsync(
                """
                UPDATE whatsapp_broadcasts SET status = 'running', finished_at = NULL, updated_at = @now
                 WHERE consultant_id = @consultantId AND id = @id AND status = 'completed'
                """,
                new { consultantId, id, now }, transaction);
        }

        await transaction.CommitAsync();
        return (waiting, true);
    }

    /// <summary>
    /// Cancels the broadcast (from one of <paramref name="from"/>) and, in the same transaction, ends what waited for a
    /// retry: each recipient queued again after a try (a marketing or rate limit) ends failed, and its try stops waiting,
    /// both saying why (<see cref="CancelledRetryReason"/>); one claimed for its retry too (a send under way records
    /// over it). Recipients never tried stay queued: not sent. Null when it was in none of <paramref name="from"/>; else
    /// the tries that no longer wait.
    /// </summary>
    /// <remarks>
    /// The cancel's update takes the row lock <see cref="RequeueAsync"/> takes, and the recipients are read after it: a
    /// requeue committed before is ended here, one after sees the broadcast cancelled. Never cancelled with one waiting.
    /// </remarks>
    public async Task<IReadOnlyList<Guid>?> CancelAsync(Guid consultantId, Guid id, IReadOnlyList<string> from, string reason, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var cancelled = await connection.ExecuteAsync(
            """
            UPDATE whatsapp_broadcasts SET status = 'cancelled', status_reason = @reason, updated_at = @now, finished_at = @now
             WHERE consultant_id = @consultantId AND id = @id AND status = ANY(@from)
            """,
            new { consultantId, id, from = from.ToArray(), reason, now }, transaction) == 1;
        if (!cancelled)
        {
            return null;
        }

        var waiting = await connection.QueryAsync<(string Phone, int? ErrorCode)>(
            """
            SELECT contact_phone, error_code FROM whatsapp_broadcast_recipients
             WHERE consultant_id = @consultantId AND broadcast_id = @id AND status IN ('queued', 'sending') AND message_id IS NOT NULL
            """,
            new { consultantId, id }, transaction);
        var ended = await EndWaitingAsync(connection, transaction, consultantId, id,
            waiting.Select(r => (r.Phone, CancelledRetryReason.For(r.ErrorCode))).ToList(), [RecipientStatus.Queued, RecipientStatus.Sending]);
        await transaction.CommitAsync();
        return ended;
    }

    /// <summary>
    /// Recipients that will not be tried again (their broadcast is cancelled): failed with the reason, their tries no
    /// longer waiting and failed with it too. Only rows still in one of <paramref name="statuses"/>: the cancel's read
    /// waiting ones, and one recorded meanwhile (its retry sent) stays as recorded. The error code and the try are set
    /// when given (a requeue's), else kept. Returns the tries ended.
    /// </summary>
    private static async Task<IReadOnlyList<Guid>> EndWaitingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid consultantId, Guid id, IReadOnlyList<(string Phone, string Reason)> recipients,
        IReadOnlyList<string> statuses, int? errorCode = null, Guid? messageId = null)
    {
        if (recipients.Count == 0)
        {
            return [];
        }

        return (await connection.QueryAsync<Guid>(
            """
            WITH ended AS (
                UPDATE whatsapp_broadcast_recipients r
                   SET status = 'failed', reason = e.reason, error_code = COALESCE(@errorCode, r.error_code), message_id = COALESCE(@messageId, r.message_id)
                  FROM unnest(@phones, @reasons) AS e (phone, reason)
                 WHERE r.consultant_id = @consultantId AND r.broadcast_id = @id AND r.contact_phone = e.phone AND r.status = ANY(@statuses)
                RETURNING r.message_id, e.reason)
            UPDATE messages m SET retry_at = NULL, error = ended.reason
              FROM ended
             WHERE m.consultant_id = @consultantId AND m.id = ended.message_id AND m.direction = 'outbound' AND m.replaced_by IS NULL
            RETURNING m.id
            """,
            new
            {
                consultantId, id, errorCode, messageId, statuses = statuses.ToArray(),
                phones = recipients.Select(r => r.Phone).ToArray(),
                reasons = recipients.Select(r => r.Reason).ToArray(),
            },
            transaction)).ToList();
    }

    /// <summary>
    /// Locks the broadcast's row until the transaction ends and returns its status as committed now. What changes a
    /// broadcast and its recipients together locks the broadcast's row first (<see cref="StartAsync"/>'s update does
    /// too), and a claim locks recipients only: one order, no deadlock.
    /// </summary>
    private static Task<string?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid consultantId, Guid id) =>
        connection.ExecuteScalarAsync<string?>(
            "SELECT status FROM whatsapp_broadcasts WHERE consultant_id = @consultantId AND id = @id FOR UPDATE",
            new { consultantId, id }, transaction);

    /// <summary>A try that will not be tried again after all (the contact opted out meanwhile, say): no longer waiting. True when it was.</summary>
    public async Task<bool> EndRetryAsync(Guid consultantId, Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE messages SET retry_at = NULL WHERE consultant_id = @consultantId AND id = @messageId AND retry_at IS NOT NULL AND replaced_by IS NULL",
            new { consultantId, messageId }) == 1;
    }

    /// <summary>The broadcast's tries waiting for their retry (their recipients queued again): their messages.</summary>
    public async Task<IReadOnlyList<Guid>> WaitingTriesAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Guid>(
            """
            SELECT m.id FROM whatsapp_broadcast_recipients r
              JOIN messages m ON m.consultant_id = r.consultant_id AND m.id = r.message_id
             WHERE r.consultant_id = @consultantId AND r.broadcast_id = @id AND r.status IN ('queued', 'sending')
               AND m.retry_at IS NOT NULL AND m.replaced_by IS NULL
            """,
            new { consultantId, id })).ToList();
    }
}
