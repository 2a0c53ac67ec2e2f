using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Calendar;

/// <summary>
/// <c>google_calendar_connections</c> and <c>google_oauth_states</c>: the refresh token and the PKCE verifier are
/// encrypted here (<see cref="SecretProtector"/>) and decrypted only to call Google. Every statement names its consultant.
/// </summary>
public sealed class GoogleConnectionStore(NpgsqlDataSource dataSource, SecretProtector secrets)
{
    private const string Columns =
        "consultant_id AS ConsultantId, refresh_token_protected AS RefreshTokenProtected, account_email AS AccountEmail, " +
        "connected_at AS ConnectedAt, problem, problem_at AS ProblemAt";

    public async Task<GoogleConnectionRow?> FindAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<GoogleConnectionRow>(
            $"SELECT {Columns} FROM google_calendar_connections WHERE consultant_id = @consultantId", new { consultantId });
    }

    /// <summary>The refresh token in clear, to call Google; null when not connected.</summary>
    public string? RefreshTokenOf(GoogleConnectionRow row) =>
        row.RefreshTokenProtected is { } stored ? secrets.Unprotect(stored) : null;

    public async Task SaveConnectedAsync(Guid consultantId, string refreshToken, string? accountEmail, DateTimeOffset connectedAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO google_calendar_connections (consultant_id, refresh_token_protected, account_email, connected_at, problem, problem_at)
            VALUES (@consultantId, @token, @accountEmail, @connectedAt, NULL, NULL)
            ON CONFLICT (consultant_id) DO UPDATE SET refresh_token_protected = @token, account_email = @accountEmail,
                connected_at = @connectedAt, problem = NULL, problem_at = NULL
            """,
            new { consultantId, token = secrets.Protect(refreshToken), accountEmail, connectedAt });
    }

    /// <summary>Google sent a new refresh token with a refresh: keep it instead of the old one.</summary>
    public async Task ReplaceRefreshTokenAsync(Guid consultantId, string refreshToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE google_calendar_connections SET refresh_token_protected = @token WHERE consultant_id = @consultantId AND refresh_token_protected IS NOT NULL",
            new { consultantId, token = secrets.Protect(refreshToken) });
    }

    /// <summary>Google no longer accepts the permission: the token is dropped, the reason kept to show.</summary>
    public async Task MarkDisconnectedAsync(Guid consultantId, string problem, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE google_calendar_connections SET refresh_token_protected = NULL, problem = @problem, problem_at = @at WHERE consultant_id = @consultantId",
            new { consultantId, problem, at });
    }

    /// <summary>A problem that leaves the connection as it is (Google unreachable for busy times); null clears it.</summary>
    public async Task SetProblemAsync(Guid consultantId, string? problem, DateTimeOffset at)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE google_calendar_connections SET problem = @problem, problem_at = CASE WHEN @problem IS NULL THEN NULL ELSE @at END
             WHERE consultant_id = @consultantId AND refresh_token_protected IS NOT NULL AND problem IS DISTINCT FROM @problem
            """,
            new { consultantId, problem, at });
    }

    /// <summary>Disconnect: the connection and the copies' bookkeeping go (the events stay in the consultant's calendar).</summary>
    public async Task DeleteAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM google_calendar_events WHERE consultant_id = @consultantId", new { consultantId }, transaction);
        await connection.ExecuteAsync("DELETE FROM google_calendar_connections WHERE consultant_id = @consultantId", new { consultantId }, transaction);
        await connection.ExecuteAsync("DELETE FROM google_oauth_states WHERE consultant_id = @consultantId", new { consultantId }, transaction);
        await transaction.CommitAsync();
    }

    public async Task SaveStateAsync(Guid consultantId, string state, string codeVerifier, string redirectUri, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            DELETE FROM google_oauth_states WHERE expires_at <= @now;
            INSERT INTO google_oauth_states (state_hash, consultant_id, code_verifier_protected, redirect_uri, expires_at)
            VALUES (@hash, @consultantId, @verifier, @redirectUri, @expiresAt)
            """,
            new { hash = PkceChallenge.HashOf(state), consultantId, verifier = secrets.Protect(codeVerifier), redirectUri, expiresAt, now });
    }

    /// <summary>
    /// Takes the state once: only the consultant who started it, only before it expires. A state of someone else is
    /// left alone (and refused), so a forged callback cannot spend it.
    /// </summary>
    public async Task<GoogleAuthorizationStart?> TakeStateAsync(Guid consultantId, string state, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(
            """
            DELETE FROM google_oauth_states
             WHERE state_hash = @hash AND consultant_id = @consultantId AND expires_at > @now
            RETURNING code_verifier_protected AS Verifier, redirect_uri AS RedirectUri
            """,
            new { hash = PkceChallenge.HashOf(state), consultantId, now });
        return row is null ? null : new GoogleAuthorizationStart(secrets.Unprotect(row.Verifier), row.RedirectUri);
    }

    private sealed record StateRow(string Verifier, string RedirectUri);
}
