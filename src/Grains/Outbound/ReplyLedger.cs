using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;
using static Consultant.Grains.Messages.MessageColumns;

namespace Consultant.Grains.Outbound;

/// <summary>
/// What goes out, recorded before it is sent: the parts of a batch's reply (the batch id is the idempotency key),
/// the consultant's own messages, the attempts and failures. Every statement filters by consultant_id.
/// </summary>
public sealed class ReplyLedger(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    /// <summary>
    /// Records, before anything is sent, every part of the batch's reply (the batch id is the idempotency key).
    /// If an earlier attempt already recorded them, those parts are kept and returned instead.
    /// </summary>
    /// <param name="origin">A <see cref="MessageOrigin"/>: the AI's answer, or the assistant's own confirmation.</param>
    public Task<IReadOnlyList<ReplyIntent>> RecordReplyIntentAsync(
        Guid consultantId, string contactPhone, Guid batchId, IReadOnlyList<string> parts, string channel, string origin, DateTimeOffset now) =>
        RecordReplyIntentAsync(consultantId, contactPhone, batchId, [.. parts.Select(body => new ReplyPart(body, origin))], channel, now);

    /// <summary>
    /// The same, each part with its own origin. One statement, one round trip: the parts inserted (those an earlier
    /// attempt recorded are kept), returned with those kept. Only the batch's conversation grain records under its id,
    /// one attempt at a time, so no part can be committed by someone else while this statement runs.
    /// </summary>
    public async Task<IReadOnlyList<ReplyIntent>> RecordReplyIntentAsync(
        Guid consultantId, string contactPhone, Guid batchId, IReadOnlyList<ReplyPart> parts, string channel, DateTimeOffset now)
    {
        return await shared.QueryAsync<ReplyIntent>(
            """
            WITH inserted AS (
                INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status,
                                      reply_to_batch_id, part_index, created_at, channel)
                SELECT gen_random_uuid(), @consultantId, @contactPhone, 'outbound', 'ai', p.origin, p.body, 'sending', @batchId,
                       p.n - 1, @now, @channel
                  FROM unnest(@bodies, @origins) WITH ORDINALITY AS p(body, origin, n)
                ON CONFLICT (consultant_id, reply_to_batch_id, part_index) WHERE reply_to_batch_id IS NOT NULL DO NOTHING
                RETURNING id, body, twilio_sid, status, channel, part_index),
            kept AS (
                SELECT id, body, twilio_sid, status, channel, part_index FROM messages
                 WHERE consultant_id = @consultantId AND reply_to_batch_id = @batchId)
            SELECT id, body, twilio_sid AS TwilioSid, status, channel
              FROM (SELECT * FROM inserted UNION ALL SELECT * FROM kept) recorded
             ORDER BY part_index
            """,
            new
            {
                consultantId, contactPhone, batchId, now, channel,
                bodies = parts.Select(p => DatabaseText.Clean(p.Body)!).ToArray(), origins = parts.Select(p => p.Origin).ToArray(),
            });
    }

    /// <summary>The recorded parts of a batch's reply, in order; empty when none was recorded yet.</summary>
    public async Task<IReadOnlyList<ReplyIntent>> GetReplyIntentsAsync(Guid consultantId, Guid batchId)
    {
        return await shared.QueryAsync<ReplyIntent>(
            """
            SELECT id, body, twilio_sid AS TwilioSid, status, channel FROM messages
             WHERE consultant_id = @consultantId AND reply_to_batch_id = @batchId
             ORDER BY part_index
            """,
            new { consultantId, batchId });
    }

    /// <summary>A message the consultant typed, stored before it is sent.</summary>
    /// <param name="id">The message's id when it is chosen beforehand (an attachment is stored under it first).</param>
    public async Task<ChatMessageView> InsertConsultantMessageAsync(
        Guid consultantId, string contactPhone, string body, string channel, DateTimeOffset now, Guid? id = null, int numMedia = 0)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<MessageViewRecord>(
            $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, created_at, channel, num_media)
            VALUES (@id, @consultantId, @contactPhone, 'outbound', 'consultant', 'consultant', @body, 'sending', @now, @channel, @numMedia)
            RETURNING {ViewColumns}
            """,
            new { id = id ?? Guid.NewGuid(), consultantId, contactPhone, body, now, channel, numMedia });
        return row.ToView(consultantId);
    }

    /// <summary>
    /// A message the system sends on its own (its <see cref="MessageOrigin"/> says which; an interactive question with
    /// its <paramref name="options"/>, and a list's <paramref name="listButton"/>), stored before it is sent; the assistant writes it. With a <paramref name="key"/>
    /// it is recorded once under its batch: an earlier attempt's row is returned as it is (its text, whether it went).
    /// With <paramref name="replaces"/> (an earlier try that is tried again) that try is marked replaced by this one in
    /// the same transaction, so the chat never shows both nor neither.
    /// </summary>
    public async Task<RecordedMessage> RecordAutomatedMessageAsync(
        Guid consultantId, string contactPhone, string body, string origin, string channel, DateTimeOffset now,
        BatchPartKey? key = null, IReadOnlyList<InteractiveOption>? options = null, string? listButton = null, Guid? replaces = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = replaces is null ? null : await connection.BeginTransactionAsync(); // only a retry writes two rows
        var id = Guid.NewGuid();
        await connection.ExecuteAsync(
            """
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, created_at, channel,
                                  interactive_options, list_button, reply_to_batch_id, part_index)
            VALUES (@id, @consultantId, @contactPhone, 'outbound', 'ai', @origin, @body, 'sending', @now, @channel,
                    @options::jsonb, @listButton, @batchId, COALESCE(@index, 0))
            ON CONFLICT (consultant_id, reply_to_batch_id, part_index) WHERE reply_to_batch_id IS NOT NULL DO NOTHING
            """,
            new
            {
                id, consultantId, contactPhone, origin, body, now, channel, batchId = key?.BatchId, index = key?.Index, listButton,
                options = options is { Count: > 0 } ? InteractiveOptionsJson.Write(options) : null,
            },
            transaction);
        var row = await connection.QuerySingleAsync<(Guid Id, bool Sent)>(
            key is null
                ? "SELECT id, twilio_sid IS NOT NULL FROM messages WHERE consultant_id = @consultantId AND id = @id"
                : "SELECT id, twilio_sid IS NOT NULL FROM messages WHERE consultant_id = @consultantId AND reply_to_batch_id = @batchId AND part_index = @index",
            new { consultantId, id, batchId = key?.BatchId, index = key?.Index },
            transaction);
        if (replaces is { } earlier)
        {
            await connection.ExecuteAsync(
                "UPDATE messages SET replaced_by = @id WHERE consultant_id = @consultantId AND id = @earlier AND replaced_by IS NULL",
                new { consultantId, id = row.Id, earlier },
                transaction);
        }

        var view = await connection.QuerySingleAsync<MessageViewRecord>(
            $"SELECT {ViewColumns} FROM messages WHERE consultant_id = @consultantId AND id = @id", new { consultantId, id = row.Id }, transaction);
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        return new RecordedMessage(view.ToView(consultantId), row.Sent);
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

    /// <summary>Attempts at sending this message, counted before Twilio is asked again (<see cref="OutboundSender"/>).</summary>
    public async Task CountAttemptsAsync(Guid consultantId, Guid messageId, int attempts)
    {
        await shared.ExecuteAsync(
            "UPDATE messages SET attempts = attempts + @attempts WHERE consultant_id = @consultantId AND id = @messageId",
            new { consultantId, messageId, attempts });
    }

    /// <param name="uncountedAttempts">Attempts the sender made without counting them yet, added with the failure.</param>
    public async Task MarkFailedAsync(Guid consultantId, Guid messageId, string error, int? twilioErrorCode = null, int uncountedAttempts = 0)
    {
        await shared.ExecuteAsync(
            """
            UPDATE messages SET status = 'failed', error = @error, twilio_error_code = @twilioErrorCode, failed_at = now(),
                   attempts = attempts + @uncountedAttempts
             WHERE consultant_id = @consultantId AND id = @messageId
            """,
            new { consultantId, messageId, error, twilioErrorCode, uncountedAttempts });
    }
}
