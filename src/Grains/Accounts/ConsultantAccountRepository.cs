using Dapper;
using Npgsql;

namespace Consultant.Grains.Accounts;

public sealed class ConsultantAccountRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, email, name, password_hash AS PasswordHash, failed_login_count AS FailedLoginCount, " +
        "locked_until AS LockedUntil, created_at AS CreatedAt";

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

    /// <summary>Counts a failed sign-in atomically and locks the account once the limit is reached.</summary>
    public async Task RecordFailedLoginAsync(Guid id, int maxFailures, DateTimeOffset lockUntil)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE consultants
               SET failed_login_count = failed_login_count + 1,
                   locked_until = CASE WHEN failed_login_count + 1 >= @maxFailures THEN @lockUntil ELSE locked_until END
             WHERE id = @id
            """,
            new { id, maxFailures, lockUntil });
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
}
