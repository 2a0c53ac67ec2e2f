using Dapper;
using Npgsql;

namespace Consultant.Grains.Interactive;

/// <summary>
/// The Content SIDs created for a consultant's questions (<c>whatsapp_interactive_contents</c>), by Twilio account and
/// the content's hash. Every statement filters by consultant_id.
/// </summary>
public sealed class InteractiveContentStore(NpgsqlDataSource dataSource)
{
    public async Task<string?> FindAsync(Guid consultantId, string accountSid, string contentHash)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(
            """
            SELECT content_sid FROM whatsapp_interactive_contents
             WHERE consultant_id = @consultantId AND account_sid = @accountSid AND content_hash = @contentHash
            """,
            new { consultantId, accountSid, contentHash });
    }

    /// <summary>Records the sid; when two sends created the same content at once, the first recorded is kept and returned.</summary>
    public async Task<string> SaveAsync(Guid consultantId, string accountSid, string contentHash, string contentSid, string contentType)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO whatsapp_interactive_contents (consultant_id, account_sid, content_hash, content_sid, content_type)
            VALUES (@consultantId, @accountSid, @contentHash, @contentSid, @contentType)
            ON CONFLICT (consultant_id, account_sid, content_hash) DO NOTHING
            """,
            new { consultantId, accountSid, contentHash, contentSid, contentType });
        return await connection.QuerySingleAsync<string>(
            """
            SELECT content_sid FROM whatsapp_interactive_contents
             WHERE consultant_id = @consultantId AND account_sid = @accountSid AND content_hash = @contentHash
            """,
            new { consultantId, accountSid, contentHash });
    }
}
