using Consultant.Grains.Ai;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// How the shared key pool was used, counted from the rotation log (one row per AI call) by Pacific day, the day
/// Gemini's quotas are counted in (<see cref="QuotaDay"/>). For administrators: it covers every consultant's calls.
/// </summary>
public sealed class KeyPoolUsageQuery(NpgsqlDataSource dataSource)
{
    /// <summary>The label of a key removed since its calls were made.</summary>
    public const string RemovedKeyLabel = "removed key";

    private const string CallsSql =
        """
        SELECT l.key_id AS KeyId, (l.at AT TIME ZONE @zone)::date AS Day, count(*) AS Calls,
               count(*) FILTER (WHERE l.outcome = 'rate_limited') AS RateLimited,
               count(*) FILTER (WHERE l.outcome = 'error') AS Errors
          FROM ai_key_rotation_log l
         WHERE l.key_source = 'pool' AND l.key_id IS NOT NULL AND l.at >= @start AND l.at < @end
         GROUP BY 1, 2
        """;

    public async Task<KeyPoolUsage> GetAsync(AnalyticsPeriod period)
    {
        var range = period.In(QuotaDay.Zone);
        await using var connection = await dataSource.OpenConnectionAsync();
        var calls = (await connection.QueryAsync<CallsRow>(CallsSql, new { zone = QuotaDay.TimeZoneId, start = range.Start, end = range.End })).ToList();
        var keys = (await connection.QueryAsync<KeyRow>(
            "SELECT id AS Id, label AS Label, key_hint AS KeyHint, requests_per_day AS RequestsPerDay FROM ai_api_keys ORDER BY created_at")).ToList();
        var removed = calls.Select(row => row.KeyId).Distinct().Where(id => !keys.Exists(key => key.Id == id))
            .Select(id => new KeyRow(id, RemovedKeyLabel, null, null));
        var allKeys = keys.Concat(removed).ToList();

        var byKeyAndDay = calls.ToDictionary(row => (row.KeyId, row.Day));
        var totalCalls = calls.Sum(row => row.Calls);
        var totals = allKeys.Select(key =>
        {
            var own = calls.Where(row => row.KeyId == key.Id).ToList();
            var keyCalls = own.Sum(row => row.Calls);
            return new PoolKeyTotal(key.Id, key.Label, key.KeyHint, key.KeyHint is null, key.RequestsPerDay, keyCalls,
                own.Sum(row => row.RateLimited), own.Sum(row => row.Errors), totalCalls == 0 ? 0 : (double)keyCalls / totalCalls);
        }).ToList();
        var days = period.Dates.SelectMany(date => allKeys.Select(key => byKeyAndDay.TryGetValue((key.Id, date), out var row)
            ? new PoolKeyDay(date, key.Id, key.Label, row.Calls, row.RateLimited, row.Errors)
            : new PoolKeyDay(date, key.Id, key.Label, 0, 0, 0))).ToList();
        return new KeyPoolUsage(QuotaDay.TimeZoneId, period.From, period.To, totals, days);
    }

    private sealed record CallsRow(Guid KeyId, DateOnly Day, long Calls, long RateLimited, long Errors);

    private sealed record KeyRow(Guid Id, string Label, string? KeyHint, int? RequestsPerDay);
}
