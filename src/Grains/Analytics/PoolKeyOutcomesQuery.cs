using Consultant.Grains.Ai;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>How each pool key's calls ended today (Pacific day, as its quota): what tells a broken key from a busy one.</summary>
public sealed class PoolKeyOutcomesQuery(NpgsqlDataSource dataSource)
{
    private const string Sql =
        """
        SELECT l.key_id AS KeyId, count(*) FILTER (WHERE l.outcome = 'ok') AS Answered, count(*) FILTER (WHERE l.outcome = 'error') AS Errors
          FROM ai_key_rotation_log l
         WHERE l.key_source = 'pool' AND l.key_id IS NOT NULL AND l.at >= @start AND l.at < @end
         GROUP BY l.key_id
        """;

    public async Task<IReadOnlyDictionary<Guid, PoolKeyOutcomes>> TodayAsync(DateTimeOffset now)
    {
        var today = QuotaDay.Containing(now);
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<PoolKeyOutcomes>(Sql, new { start = today.Start, end = today.End });
        return rows.ToDictionary(row => row.KeyId);
    }
}
