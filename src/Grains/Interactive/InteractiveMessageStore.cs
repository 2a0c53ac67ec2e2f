using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Interactive;

/// <summary>An interactive question, recorded before it is sent (status sending) with its options.</summary>
public sealed class InteractiveMessageStore(NpgsqlDataSource dataSource)
{
    /// <param name="origin">A <see cref="MessageOrigin"/>: <see cref="MessageOrigin.Flow"/> for a guided flow's step.</param>
    public async Task<Guid> InsertAsync(
        Guid consultantId, string contactPhone, string body, IReadOnlyList<InteractiveOption> options, string channel, string origin, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, created_at, channel, interactive_options)
            VALUES (@id, @consultantId, @contactPhone, 'outbound', 'ai', @origin, @body, 'sending', @now, @channel, @options::jsonb)
            """,
            new { id, consultantId, contactPhone, origin, body, now, channel, options = InteractiveOptionsJson.Write(options) });
        return id;
    }
}
