using Consultant.Grains.Messages;
using Dapper;
using Consultant.Grains.Storage;
using Npgsql;
using static Consultant.Grains.Messages.MessageColumns;

namespace Consultant.Grains.Inbound;

/// <summary>
/// Inbound messages as they arrive and wait for an answer: stored once per MessageSid, grouped into the batch that
/// answers them, marked handled. Every statement filters by consultant_id (except the recovery sweep's, across all).
/// </summary>
public sealed class InboundMessageStore(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    /// <summary>Stores an inbound message once per MessageSid. Returns the stored row and whether this call stored it.</summary>
    /// <param name="buttonPayload">The payload of the button or list item tapped, for a tap.</param>
    public async Task<(MessageRow Row, bool Inserted)> InsertInboundAsync(
        Guid consultantId, string contactPhone, string sender, string body, string twilioSid, int numMedia,
        string? profileName, string? waId, DateTimeOffset receivedAt, string channel, string? buttonPayload = null)
    {
        var inserted = await shared.QuerySingleOrDefaultAsync<MessageRow>(
            $"""
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, body, twilio_sid, status,
                                  num_media, profile_name, wa_id, created_at, channel, button_payload)
            VALUES (@id, @consultantId, @contactPhone, 'inbound', @sender, @body, @twilioSid, 'received',
                    @numMedia, @profileName, @waId, @receivedAt, @channel, @buttonPayload)
            ON CONFLICT (consultant_id, twilio_sid) WHERE twilio_sid IS NOT NULL DO NOTHING
            RETURNING {Columns}
            """,
            new { id = Guid.NewGuid(), consultantId, contactPhone, sender, body, twilioSid, numMedia, profileName, waId, receivedAt, channel, buttonPayload });
        if (inserted is not null)
        {
            return (inserted, true);
        }

        var existing = await shared.QuerySingleAsync<MessageRow>(
            $"SELECT {Columns} FROM messages WHERE consultant_id = @consultantId AND twilio_sid = @twilioSid",
            new { consultantId, twilioSid });
        return (existing, false);
    }

    public async Task AssignBatchAsync(Guid consultantId, IReadOnlyCollection<Guid> messageIds, Guid batchId)
    {
        // Most batches are one message. PostgreSQL plans "= ANY(array)" again on every run of the prepared statement
        // (the generic plan looks costlier than one made for the array at hand), so a single message has its own form.
        var ids = messageIds.ToArray();
        await (ids.Length == 1
            ? shared.ExecuteAsync(
                "UPDATE messages SET batch_id = @batchId, is_batched = false WHERE consultant_id = @consultantId AND id = @id",
                new { consultantId, batchId, id = ids[0] })
            : shared.ExecuteAsync(
                "UPDATE messages SET batch_id = @batchId, is_batched = true WHERE consultant_id = @consultantId AND id = ANY(@ids)",
                new { consultantId, batchId, ids }));
    }

    /// <summary>Marks the batch's inbound messages as dealt with (answered, or flagged for the consultant).</summary>
    public async Task MarkBatchHandledAsync(Guid consultantId, Guid batchId, DateTimeOffset handledAt)
    {
        await shared.ExecuteAsync(
            """
            UPDATE messages SET handled_at = @handledAt
             WHERE consultant_id = @consultantId AND batch_id = @batchId AND direction = 'inbound'
            """,
            new { consultantId, batchId, handledAt });
    }

    /// <summary>
    /// The batch's inbound messages are owed a reply again (a batch that waited for an AI key is answered after all):
    /// the conversation shows as being answered, and the recovery sweep finds it should the answer be lost.
    /// </summary>
    public async Task MarkBatchUnhandledAsync(Guid consultantId, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE messages SET handled_at = NULL
             WHERE consultant_id = @consultantId AND batch_id = @batchId AND direction = 'inbound'
            """,
            new { consultantId, batchId });
    }

    /// <summary>This conversation's inbound messages not yet dealt with, oldest first.</summary>
    public Task<IReadOnlyList<MessageRow>> GetUnhandledInboundAsync(Guid consultantId, string contactPhone) =>
        shared.QueryAsync<MessageRow>(UnhandledInboundSql, new { consultantId, contactPhone });

    /// <summary>Every activation reads it: in the shared round trips (on its own connection, 1.4 % of the silo while new conversations arrived).</summary>
    private static readonly string UnhandledInboundSql =
        $"""
        SELECT {Columns} FROM messages
         WHERE consultant_id = @consultantId AND contact_phone = @contactPhone
           AND direction = 'inbound' AND handled_at IS NULL
         ORDER BY created_at
        """;

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
