using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The lead funnel of a period, for the Analytics page and <c>GET /api/analytics/funnel</c>: the cohort is the leads
/// whose first message falls in the period (the consultant's local days); each stage counts those of them whose
/// furthest stage is at least that one, whenever they reached it. Simulator conversations are left out unless asked.
/// </summary>
public sealed class LeadFunnelReport(NpgsqlDataSource dataSource, AccountSettingsService accountSettings)
{
    private static readonly string Rank = LeadStage.SqlRank("e.stage");

    // One row per lead of the cohort: when they first wrote, their furthest stage, and when they first reached at
    // least each later stage (a lead who skipped a stage reached it with the next one).
    private static readonly string Sql =
        $"""
        SELECT n.contact_phone AS ContactPhone, n.at AS FirstAt, max({Rank}) - 1 AS Furthest,
               min(e.at) FILTER (WHERE {Rank} >= 2) AS EngagedAt,
               min(e.at) FILTER (WHERE {Rank} >= 3) AS QualifiedAt,
               min(e.at) FILTER (WHERE {Rank} >= 4) AS BookedAt,
               min(e.at) FILTER (WHERE {Rank} >= 5) AS ConvertedAt
          FROM lead_stage_events n
          JOIN lead_stage_events e ON e.consultant_id = n.consultant_id AND e.contact_phone = n.contact_phone
         WHERE n.consultant_id = @consultantId AND n.stage = 'new' AND n.at >= @from AND n.at < @to
           AND (@includeSimulator OR NOT starts_with(n.contact_phone, @simulatorPrefix))
         GROUP BY n.contact_phone, n.at
        """;

    /// <param name="includeSimulator">Count the simulator's leads too (the page's switch); false by default.</param>
    public async Task<LeadFunnelFigures> GetAsync(Guid consultantId, AnalyticsPeriod period, bool includeSimulator = false)
    {
        var calendar = await accountSettings.GetCalendarAsync(consultantId);
        var zone = TimeZones.Get(calendar.TimeZone);
        var range = period.In(zone);
        await using var connection = await dataSource.OpenConnectionAsync();
        var leads = await connection.QueryAsync<LeadCohortRow>(Sql, new
        {
            consultantId, from = range.Start, to = range.End, includeSimulator, simulatorPrefix = ConversationKey.SimulatorPrefix,
        });
        return LeadFunnelFigures.Of(calendar.TimeZone, period, includeSimulator, leads.ToList());
    }
}
