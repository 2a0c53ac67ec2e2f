using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Ai;

/// <summary>
/// The global AI key pool for leads. Each silo keeps the keys in memory (re-read every few seconds) and hands
/// out the one it used least recently, skipping keys resting after a 429. A key that has used its daily quota
/// (<see cref="QuotaDay"/>) is skipped too while another key can answer; it is the last resort, not barred, since the
/// count is the pool's own (a little behind across silos) and the provider's 429 is what really stops it. Nothing is
/// written per use except an append to the rotation log, so many conversations answering at once never queue on a key
/// row. Keys are encrypted at rest.
/// </summary>
public sealed class AiKeyPool(NpgsqlDataSource dataSource, SharedRoundTrips shared, SecretProtector secrets, AiClientCache clients, TimeProvider time)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly Lock gate = new();
    private List<PoolEntry> entries = [];
    private DateTimeOffset refreshedAt = DateTimeOffset.MinValue;

    /// <summary>
    /// A key's calls counted against its daily quota between <c>@dayStart</c> and <c>@dayEnd</c>: every call but a 429
    /// refusal (the provider did not count it either). Used by the pool, its list and the usage figures alike.
    /// </summary>
    public const string RequestsCountedSql =
        """
        (SELECT count(*) FROM ai_key_rotation_log l
          WHERE l.key_id = k.id AND l.at >= @dayStart AND l.at < @dayEnd AND l.outcome <> 'rate_limited')
        """;

    /// <param name="requestsPerDay">Its daily quota; null: none (checked by the caller: a positive number).</param>
    public async Task<PoolKeyInfo> AddAsync(string label, string apiKey, int? requestsPerDay = null)
    {
        var info = new PoolKeyInfo(Guid.NewGuid(), label, Hint(apiKey), 0, null, null, time.GetUtcNow(), requestsPerDay);
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO ai_api_keys (id, label, protected_key, key_hint, created_at, requests_per_day)
            VALUES (@Id, @Label, @protectedKey, @KeyHint, @CreatedAt, @RequestsPerDay)
            """,
            new { info.Id, info.Label, protectedKey = secrets.Protect(apiKey), info.KeyHint, info.CreatedAt, info.RequestsPerDay });
        refreshedAt = DateTimeOffset.MinValue;
        return info;
    }

    /// <summary>Sets (or with null removes) a key's daily quota. False: no such key.</summary>
    public async Task<bool> SetQuotaAsync(Guid id, int? requestsPerDay)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var updated = await connection.ExecuteAsync(
            "UPDATE ai_api_keys SET requests_per_day = @requestsPerDay WHERE id = @id", new { id, requestsPerDay }) == 1;
        refreshedAt = DateTimeOffset.MinValue;
        return updated;
    }

    /// <summary>The keys with usage counted from the rotation log (today's in Pacific time); never the keys themselves.</summary>
    public async Task<IReadOnlyList<PoolKeyInfo>> ListAsync()
    {
        var today = QuotaDay.Containing(time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<PoolKeyInfo>(
            $"""
            SELECT k.id, k.label, k.key_hint AS KeyHint,
                   (SELECT count(*) FROM ai_key_rotation_log l WHERE l.key_id = k.id) AS UsageCount,
                   (SELECT max(l.at) FROM ai_key_rotation_log l WHERE l.key_id = k.id) AS LastUsedAt,
                   k.cooldown_until AS CooldownUntil, k.created_at AS CreatedAt,
                   k.requests_per_day AS RequestsPerDay, {RequestsCountedSql} AS RequestsToday
              FROM ai_api_keys k ORDER BY k.created_at
            """,
            new { dayStart = today.Start, dayEnd = today.End });
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

    /// <summary>
    /// The least recently used key that is not resting, a key with quota left before one without. Null: none available.
    /// </summary>
    public async Task<LeasedKey?> LeaseAsync()
    {
        await RefreshIfStaleAsync();
        var now = time.GetUtcNow();
        var today = QuotaDay.Of(now);
        lock (gate)
        {
            var entry = entries
                .Where(e => e.CooldownUntil is null || e.CooldownUntil <= now)
                .OrderBy(e => e.QuotaReached(today))
                .ThenBy(e => e.LastUsedAt)
                .ThenBy(e => e.CreatedAt)
                .FirstOrDefault();
            if (entry is null)
            {
                return null;
            }

            entry.LastUsedAt = now;
            entry.CountRequest(today); // until the next refresh reads the log again
            return new LeasedKey(entry.Id, entry.ApiKey);
        }
    }

    /// <summary>
    /// Whether the pool has no key at all, from the keys it leases from (re-read every few seconds): nothing a lead's
    /// reply could be made with. Cheap enough for every consultant's Overview (no usage counts).
    /// </summary>
    public async Task<bool> IsEmptyAsync()
    {
        await RefreshIfStaleAsync();
        lock (gate)
        {
            return entries.Count == 0;
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
        await shared.ExecuteAsync(
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

            var now = time.GetUtcNow();
            var today = QuotaDay.Containing(now);
            await using var connection = await dataSource.OpenConnectionAsync();
            var rows = await connection.QueryAsync<(Guid Id, string ProtectedKey, DateTimeOffset? CooldownUntil, DateTimeOffset CreatedAt, int? RequestsPerDay, long RequestsToday)>(
                $"""
                SELECT k.id, k.protected_key, k.cooldown_until, k.created_at, k.requests_per_day,
                       CASE WHEN k.requests_per_day IS NULL THEN 0 ELSE {RequestsCountedSql} END
                  FROM ai_api_keys k
                """,
                new { dayStart = today.Start, dayEnd = today.End });
            lock (gate)
            {
                var lastUse = entries.ToDictionary(e => e.Id, e => e.LastUsedAt);
                var previous = entries;
                entries = rows.Select(row => new PoolEntry(row.Id, secrets.Unprotect(row.ProtectedKey), row.CreatedAt)
                {
                    CooldownUntil = row.CooldownUntil,
                    LastUsedAt = lastUse.GetValueOrDefault(row.Id, DateTimeOffset.MinValue),
                    RequestsPerDay = row.RequestsPerDay,
                    RequestsToday = row.RequestsToday,
                    CountedDay = QuotaDay.Of(now),
                }).ToList();
                foreach (var gone in previous.Where(old => !entries.Exists(e => e.ApiKey == old.ApiKey)))
                {
                    clients.Forget(gone.ApiKey); // removed by an administrator on another silo
                }
            }

            refreshedAt = now;
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

        public int? RequestsPerDay { get; init; }

        /// <summary>Requests counted on <see cref="CountedDay"/> (Pacific); a new day starts from none.</summary>
        public long RequestsToday { get; set; }

        public DateOnly CountedDay { get; set; }

        public bool QuotaReached(DateOnly today) => RequestsPerDay is { } quota && today == CountedDay && RequestsToday >= quota;

        public void CountRequest(DateOnly today)
        {
            RequestsToday = today == CountedDay ? RequestsToday + 1 : 1;
            CountedDay = today;
        }
    }
}
