using Consultant.Grains.WhatsApp;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Ai;

public sealed record PoolKeyInfo(Guid Id, string Label, string KeyHint, long UsageCount, DateTimeOffset? LastUsedAt, DateTimeOffset? CooldownUntil, DateTimeOffset CreatedAt);

public sealed record LeasedKey(Guid Id, string ApiKey);

/// <summary>
/// The global AI key pool for leads: least recently used first, a key that hit 429 rests for a while.
/// Keys are encrypted at rest; each use is written to the rotation log.
/// </summary>
public sealed class AiKeyPool(NpgsqlDataSource dataSource, SecretProtector secrets, TimeProvider time)
{
    public async Task<PoolKeyInfo> AddAsync(string label, string apiKey)
    {
        var info = new PoolKeyInfo(Guid.NewGuid(), label, Hint(apiKey), 0, null, null, time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO ai_api_keys (id, label, protected_key, key_hint, created_at)
            VALUES (@Id, @Label, @protectedKey, @KeyHint, @CreatedAt)
            """,
            new { info.Id, info.Label, protectedKey = secrets.Protect(apiKey), info.KeyHint, info.CreatedAt });
        return info;
    }

    public async Task<IReadOnlyList<PoolKeyInfo>> ListAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<PoolKeyInfo>(
            """
            SELECT id, label, key_hint AS KeyHint, usage_count AS UsageCount, last_used_at AS LastUsedAt,
                   cooldown_until AS CooldownUntil, created_at AS CreatedAt
              FROM ai_api_keys ORDER BY created_at
            """);
        return rows.ToList();
    }

    public async Task<bool> RemoveAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync("DELETE FROM ai_api_keys WHERE id = @id", new { id }) == 1;
    }

    /// <summary>Takes the least recently used key that is not cooling down, and counts the use. Null: none available.</summary>
    public async Task<LeasedKey?> LeaseAsync()
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync();
        // No SKIP LOCKED: with few keys, concurrent leases would find every row locked and report "no key".
        // Two callers may take the same key at the same instant; least-recently-used is a preference, not a lock.
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string ProtectedKey)?>(
            """
            UPDATE ai_api_keys SET last_used_at = @now, usage_count = usage_count + 1
             WHERE id = (SELECT id FROM ai_api_keys
                          WHERE cooldown_until IS NULL OR cooldown_until <= @now
                          ORDER BY last_used_at NULLS FIRST, created_at
                          LIMIT 1)
            RETURNING id, protected_key
            """,
            new { now });
        return row is { } key ? new LeasedKey(key.Id, secrets.Unprotect(key.ProtectedKey)) : null;
    }

    public async Task CoolDownAsync(Guid id, TimeSpan duration)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE ai_api_keys SET cooldown_until = @until WHERE id = @id", new { id, until = time.GetUtcNow() + duration });
    }

    public async Task LogUseAsync(Guid? keyId, string keySource, Guid consultantId, string outcome)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at)
            VALUES (@keyId, @keySource, @consultantId, @outcome, @at)
            """,
            new { keyId, keySource, consultantId, outcome, at = time.GetUtcNow() });
    }

    private static string Hint(string apiKey) => apiKey.Length <= 4 ? "****" : "…" + apiKey[^4..];
}
