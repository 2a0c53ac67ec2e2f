using Consultant.TestSupport;
using Npgsql;

namespace Consultant.Bench;

/// <summary>
/// The reply each contact's last message waited for, read back exactly. A contact who writes twice in a row is one
/// batch when the second message arrives within the debounce, two when the acknowledgements are slower than that
/// (each batch then answered once, as it should): the first message the fake Twilio received is then the first
/// batch's reply, not the last message's. So: the database names the batch of the contact's latest inbound message
/// and the Twilio sid of its reply (its first part); the fake Twilio says when it received that sid.
/// </summary>
internal static class LastBatchReplies
{
    /// <param name="RepliedAt">Per contact, when the fake Twilio received the reply to its last batch.</param>
    /// <param name="InSeveralBatches">Contacts whose messages made more than one batch.</param>
    /// <param name="NotOncePerBatch">Contacts who got a different number of messages at the fake Twilio than they have batches.</param>
    public sealed record Result(IReadOnlyDictionary<string, DateTimeOffset> RepliedAt, int InSeveralBatches, int NotOncePerBatch);

    private const string Sql =
        """
        WITH latest AS (
            SELECT DISTINCT ON (contact_phone) consultant_id, contact_phone, batch_id
              FROM messages WHERE direction = 'inbound' AND contact_phone = ANY(@contacts)
             ORDER BY contact_phone, created_at DESC),
        batches AS (
            SELECT contact_phone, count(DISTINCT batch_id) AS batches
              FROM messages WHERE direction = 'inbound' AND contact_phone = ANY(@contacts) GROUP BY contact_phone)
        SELECT latest.contact_phone, batches.batches,
               (SELECT o.twilio_sid FROM messages o
                 WHERE o.consultant_id = latest.consultant_id AND o.reply_to_batch_id = latest.batch_id AND o.twilio_sid IS NOT NULL
                 ORDER BY o.part_index LIMIT 1)
          FROM latest JOIN batches USING (contact_phone)
        """;

    /// <summary>Once every inbound message is handled; waits up to a minute for the replies' sids to be recorded.</summary>
    public static async Task<Result> ReadAsync(BenchProduct product, FakeTwilio twilio, IReadOnlyList<string> contacts)
    {
        await SeparateProcessBench.DrainAsync(product);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var rows = await QueryAsync(product.ConnectionString, contacts);
            var sent = twilio.Sent;
            var receivedAt = sent.GroupBy(m => m.Sid).ToDictionary(g => g.Key, g => g.Min(m => m.DateSent));
            var repliedAt = rows.Where(r => r.Sid is not null && receivedAt.ContainsKey(r.Sid))
                .ToDictionary(r => r.Contact, r => receivedAt[r.Sid!]);
            if (repliedAt.Count == contacts.Count || DateTime.UtcNow > deadline)
            {
                var messages = sent.CountBy(m => m.To).ToDictionary();
                var batches = rows.ToDictionary(r => r.Contact, r => r.Batches);
                var notOncePerBatch = contacts.Count(c => messages.GetValueOrDefault("whatsapp:" + c) != batches.GetValueOrDefault(c));
                return new Result(repliedAt, rows.Count(r => r.Batches > 1), notOncePerBatch);
            }

            await Task.Delay(500);
        }
    }

    private static async Task<List<(string Contact, long Batches, string? Sid)>> QueryAsync(string connectionString, IReadOnlyList<string> contacts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("contacts", contacts.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }
}
