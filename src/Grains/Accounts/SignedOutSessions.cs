using Dapper;
using Npgsql;

namespace Consultant.Grains.Accounts;

/// <summary>
/// Dashboard sessions ended by "Sign out", and every session of an account ended by a password change. A cookie or a
/// token is only protected data that stays readable until it expires, so signing out records its session id, a
/// password change records when it happened (and the one session it keeps), and each request checks here, on any silo.
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

    /// <summary>Whether the session was signed out, or signed in before a password change that did not keep it.</summary>
    public async Task<bool> IsEndedAsync(Guid consultantId, string sessionId, DateTimeOffset signedInAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM signed_out_sessions WHERE session_id = @sessionId)
                OR EXISTS (SELECT 1 FROM consultants
                            WHERE id = @consultantId AND sessions_ended_before > @signedInAt
                              AND session_kept IS DISTINCT FROM @sessionId)
            """,
            new { sessionId, consultantId, signedInAt });
    }
}
