using Dapper;
using Npgsql;

namespace Consultant.Grains.Accounts;

public sealed class ConsultantAccountRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, email, name, password_hash AS PasswordHash, failed_login_count AS FailedLoginCount, " +
        "locked_until AS LockedUntil, created_at AS CreatedAt, is_admin AS IsAdmin";

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Returns false when the e-mail is already registered.</summary>
    public async Task<bool> TryCreateAsync(ConsultantAccount account)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO consultants (id, email, email_normalized, name, password_hash, created_at)
            VALUES (@Id, @Email, @EmailNormalized, @Name, @PasswordHash, @CreatedAt)
            ON CONFLICT (email_normalized) DO NOTHING
            """,
            new
            {
                account.Id,
                account.Email,
                EmailNormalized = NormalizeEmail(account.Email),
                account.Name,
                account.PasswordHash,
                account.CreatedAt,
            });
        return inserted == 1;
    }

    public async Task<ConsultantAccount?> FindByEmailAsync(string email)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<ConsultantAccount>(
            $"SELECT {Columns} FROM consultants WHERE email_normalized = @email",
            new { email = NormalizeEmail(email) });
    }

    public async Task<ConsultantAccount?> FindByIdAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<ConsultantAccount>(
            $"SELECT {Columns} FROM consultants WHERE id = @id", new { id });
    }

    /// <summary>
    /// Counts a sign-in attempt before its password is checked, in one statement, unless the account is locked. Of
    /// any number of simultaneous attempts at most <paramref name="maxAttempts"/> get through, and the one that
    /// reaches the limit locks the account (a right password then unlocks it again). A lock that has run out starts
    /// the count afresh. Returns the counted account, or null when it is locked or unknown.
    /// </summary>
    public async Task<ConsultantAccount?> TryCountSignInAttemptAsync(
        string email, int maxAttempts, DateTimeOffset now, DateTimeOffset lockUntil)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<ConsultantAccount>(
            $"""
            UPDATE consultants
               SET failed_login_count = CASE WHEN locked_until IS NULL THEN failed_login_count + 1 ELSE 1 END,
                   locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_login_count + 1 ELSE 1 END) >= @maxAttempts
                                       THEN @lockUntil ELSE NULL END
             WHERE email_normalized = @email AND (locked_until IS NULL OR locked_until <= @now)
            RETURNING {Columns}
            """,
            new { email = NormalizeEmail(email), maxAttempts, now, lockUntil });
    }

    public async Task ResetFailedLoginsAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE consultants SET failed_login_count = 0, locked_until = NULL WHERE id = @id", new { id });
    }

    public async Task UpdatePasswordHashAsync(Guid id, string passwordHash)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE consultants SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash });
    }

    /// <summary>
    /// Sets a new password and ends every session signed in before <paramref name="now"/> except
    /// <paramref name="keptSessionId"/> (the one that changed it; none for an operator's reset). Clears a lock.
    /// </summary>
    public async Task<bool> ChangePasswordAsync(Guid id, string passwordHash, DateTimeOffset now, string? keptSessionId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            """
            UPDATE consultants
               SET password_hash = @passwordHash, sessions_ended_before = @now, session_kept = @keptSessionId,
                   failed_login_count = 0, locked_until = NULL
             WHERE id = @id
            """,
            new { id, passwordHash, now, keptSessionId }) == 1;
    }

    /// <summary>Marks or unmarks an administrator (the operator's decision only). False when there is no such account.</summary>
    public async Task<bool> SetAdminAsync(Guid id, bool isAdmin)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "UPDATE consultants SET is_admin = @isAdmin WHERE id = @id", new { id, isAdmin }) == 1;
    }

    /// <summary>Whether the account is an administrator now (a revoked flag takes effect at once, whatever a token says).</summary>
    public async Task<bool> IsAdminAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool?>("SELECT is_admin FROM consultants WHERE id = @id", new { id }) == true;
    }
}
