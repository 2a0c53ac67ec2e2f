using Dapper;
using Npgsql;

namespace Consultant.Grains.Accounts;

/// <summary>
/// Dashboard sessions ended by "Sign out". A cookie is only protected data that stays readable until it expires, so
/// signing out records its session id and every cookie-authenticated request checks it here, on any silo.
/// </summary>
public sealed class SignedOutSessions(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task SignOutAsync(Guid consultantId, string sessionId, DateTimeOffset cookieExpiresAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var now = time.GetUtcNow();
        // Rows for cookies that have expired anyway are of no use: pruned here, so the table stays small.
        await connection.ExecuteAsync(
            """
            DELETE FROM signed_out_sessions WHERE expires_at < @now;
            INSERT INTO signed_out_sessions (session_id, consultant_id, signed_out_at, expires_at)
            VALUES (@sessionId, @consultantId, @now, @cookieExpiresAt)
            ON CONFLICT (session_id) DO NOTHING;
            """,
            new { sessionId, consultantId, now, cookieExpiresAt });
    }

    public async Task<bool> IsSignedOutAsync(string sessionId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM signed_out_sessions WHERE session_id = @sessionId)", new { sessionId });
    }
}
