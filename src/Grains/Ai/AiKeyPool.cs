using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Ai;

/// <summary>
/// The global AI key pool for leads. Each silo keeps the keys in memory (re-read every few seconds) and hands
/// out the one it used least recently, skipping keys resting after a 429. Nothing is written per use except an
/// append to the rotation log, so many conversations answering at once never queue on a key row.
/// Keys are encrypted at rest.
/// </summary>
public sealed class AiKeyPool(NpgsqlDataSource dataSource, SecretProtector secrets, AiClientCache clients, TimeProvider time)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Lock gate = new();
    private List<PoolEntry> entries = [];
    private DateTimeOffset refreshedAt = DateTimeOffset.MinValue;

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
        refreshedAt = DateTimeOffset.MinValue;
        return info;
    }

    /// <summary>The keys with usage counted from the rotation log; never the keys themselves.</summary>
    public async Task<IReadOnlyList<PoolKeyInfo>> ListAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<PoolKeyInfo>(
            """
            SELECT k.id, k.label, k.key_hint AS KeyHint,
                   (SELECT count(*) FROM ai_key_rotation_log l WHERE l.key_id = k.id) AS UsageCount,
                   (SELECT max(l.at) FROM ai_key_rotation_log l WHERE l.key_id = k.id) AS LastUsedAt,
                   k.cooldown_until AS CooldownUntil, k.created_at AS CreatedAt
              FROM ai_api_keys k ORDER BY k.created_at
            """);
        return rows.ToList();
    }

    public async Task<bool> RemoveAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var removed = await connection.ExecuteAsync("DELETE FROM ai_api_keys WHERE id = @id", new { id }) == 1;
        refreshedAt = DateTimeOffset.MinValue;
        lock (gate)
        {
            if (entries.Find(e => e.Id == id) is { } entry)
            {
                clients.Forget(entry.ApiKey); // other silos drop it at their next refresh
            }
        }

        return removed;
    }

    /// <summary>The least recently used key that is not resting. Null: none available.</summary>
    public async Task<LeasedKey?> LeaseAsync()
    {
        await RefreshIfStaleAsync();
        var now = time.GetUtcNow();
        lock (gate)
        {
            var entry = entries
                .Where(e => e.CooldownUntil is null || e.CooldownUntil <= now)
                .OrderBy(e => e.LastUsedAt)
                .ThenBy(e => e.CreatedAt)
                .FirstOrDefault();
            if (entry is null)
            {
                return null;
            }

            entry.LastUsedAt = now;
            return new LeasedKey(entry.Id, entry.ApiKey);
        }
    }

    public async Task CoolDownAsync(Guid id, TimeSpan duration)
    {
        var until = time.GetUtcNow() + duration;
        lock (gate)
        {
            entries.Find(e => e.Id == id)?.CooldownUntil = until;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE ai_api_keys SET cooldown_until = @until WHERE id = @id", new { id, until });
    }

    /// <summary>Appends one AI call to the ledger of AI calls (pool and consultant keys alike).</summary>
    public async Task LogUseAsync(AiCallRecord call)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO ai_key_rotation_log
                (key_id, key_source, consultant_id, contact_phone, outcome, input_tokens, output_tokens, latency_ms, at)
            VALUES (@KeyId, @KeySource, @ConsultantId, @ContactPhone, @Outcome, @InputTokens, @OutputTokens, @LatencyMs, @at)
            """,
            new
            {
                call.KeyId, call.KeySource, call.ConsultantId, call.ContactPhone, call.Outcome, call.InputTokens, call.OutputTokens,
                call.LatencyMs, at = time.GetUtcNow(),
            });
    }

    private async Task RefreshIfStaleAsync()
    {
        if (time.GetUtcNow() - refreshedAt < RefreshInterval)
        {
            return;
        }

        await refreshing.WaitAsync();
        try
        {
            if (time.GetUtcNow() - refreshedAt < RefreshInterval)
            {
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync();
            var rows = await connection.QueryAsync<(Guid Id, string ProtectedKey, DateTimeOffset? CooldownUntil, DateTimeOffset CreatedAt)>(
                "SELECT id, protected_key, cooldown_until, created_at FROM ai_api_keys");
            lock (gate)
            {
                var lastUse = entries.ToDictionary(e => e.Id, e => e.LastUsedAt);
                var previous = entries;
                entries = rows.Select(row => new PoolEntry(row.Id, secrets.Unprotect(row.ProtectedKey), row.CreatedAt)
                {
                    CooldownUntil = row.CooldownUntil,
                    LastUsedAt = lastUse.GetValueOrDefault(row.Id, DateTimeOffset.MinValue),
                }).ToList();
                foreach (var gone in previous.Where(old => !entries.Exists(e => e.ApiKey == old.ApiKey)))
                {
                    clients.Forget(gone.ApiKey); // removed by an administrator on another silo
                }
            }

            refreshedAt = time.GetUtcNow();
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>What may be shown of a key: its last four characters.</summary>
    public static string Hint(string apiKey) => apiKey.Length <= 4 ? "****" : "…" + apiKey[^4..];

    private sealed class PoolEntry(Guid id, string apiKey, DateTimeOffset createdAt)
    {
        public Guid Id { get; } = id;

        public string ApiKey { get; } = apiKey;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset? CooldownUntil { get; set; }

        public DateTimeOffset LastUsedAt { get; set; } = DateTimeOffset.MinValue;
    }
}
