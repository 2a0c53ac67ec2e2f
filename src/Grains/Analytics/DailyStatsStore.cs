using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The closed days in <c>whatsapp_daily_stats</c>: written (and rewritten, the same) from <see cref="DailyStatsQuery"/>,
/// read back for the days of a period. Simulator conversations are never in them. Every statement names its consultant
/// (except the list of consultants the nightly close goes through).
/// </summary>
public sealed class DailyStatsStore(NpgsqlDataSource dataSource)
{
    /// <summary>Writes the days, replacing any row of the same day: recomputing a day gives the same row.</summary>
    internal async Task UpsertAsync(Guid consultantId, string timeZone, IReadOnlyList<DailyStatsRow> days, DateTimeOffset computedAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var day in days)
        {
            await connection.ExecuteAsync(
                $"""
                INSERT INTO whatsapp_daily_stats (consultant_id, day, time_zone, {DailyStatsRow.StoredColumns}, computed_at)
                VALUES (@consultantId, @Date, @timeZone, {DailyStatsRow.StoredParameters}, @computedAt)
                ON CONFLICT (consultant_id, day) DO UPDATE SET
                    ({DailyStatsRow.StoredColumns}, time_zone, computed_at) = ({DailyStatsRow.StoredParameters}, @timeZone, @computedAt)
                """,
                Parameters(day, new { consultantId, timeZone, computedAt }),
                transaction);
        }

        await transaction.CommitAsync();
    }

    private static DynamicParameters Parameters(DailyStatsRow day, object more)
    {
        var parameters = new DynamicParameters(day);
        parameters.AddDynamicParams(more);
        return parameters;
    }

    /// <summary>The stored days of the period counted in <paramref name="timeZone"/>; a day stored in another zone is left out.</summary>
    internal async Task<IReadOnlyList<DailyStatsRow>> ReadAsync(Guid consultantId, string timeZone, DateOnly from, DateOnly to)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<DailyStatsRow>(
            """
            SELECT day AS Date, inbound, outbound, ai_replies AS AiReplies, consultant_replies AS ConsultantReplies, automated,
                   unique_contacts AS UniqueContacts, new_leads AS NewLeads, converted_leads AS ConvertedLeads,
                   ai_response_count AS AiResponseCount, ai_response_avg AS AiResponseAvg, ai_response_median AS AiResponseMedian,
                   ai_response_p90 AS AiResponseP90, consultant_response_count AS ConsultantResponseCount,
                   consultant_response_avg AS ConsultantResponseAvg, consultant_response_median AS ConsultantResponseMedian,
                   consultant_response_p90 AS ConsultantResponseP90, images, documents, audio, failed, ai_calls AS AiCalls,
                   ai_tokens_in AS AiTokensIn, ai_tokens_out AS AiTokensOut
              FROM whatsapp_daily_stats
             WHERE consultant_id = @consultantId AND time_zone = @timeZone AND day BETWEEN @from AND @to
             ORDER BY day
            """,
            new { consultantId, timeZone, from, to });
        return rows.ToList();
    }

    /// <summary>Every consultant, when their account was made and the last day closed for them (null: none yet).</summary>
    internal async Task<IReadOnlyList<(Guid ConsultantId, DateTimeOffset CreatedAt, DateOnly? LastClosed)>> ListConsultantsAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid, DateTimeOffset, DateOnly?)>(
            """
            SELECT a.id, a.created_at, (SELECT max(d.day) FROM whatsapp_daily_stats d WHERE d.consultant_id = a.id)
              FROM consultants a ORDER BY a.id
            """);
        return rows.ToList();
    }
}
