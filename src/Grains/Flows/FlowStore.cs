using Dapper;
using Npgsql;

namespace Consultant.Grains.Flows;

/// <summary>A consultant's saved flows (<c>whatsapp_flows</c>), in the order saved. Every statement filters by consultant_id.</summary>
public sealed class FlowStore(NpgsqlDataSource dataSource)
{
    /// <summary>The saved flows; empty when the consultant never saved any.</summary>
    public async Task<IReadOnlyList<FlowDefinition>> ListAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<string>(
            "SELECT definition::text FROM whatsapp_flows WHERE consultant_id = @consultantId ORDER BY position, name",
            new { consultantId });
        return rows.Select(FlowJson.Read).ToList();
    }

    /// <summary>Replaces the consultant's flows with <paramref name="flows"/> (already validated), in one transaction.</summary>
    public async Task ReplaceAsync(Guid consultantId, IReadOnlyList<FlowDefinition> flows, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM whatsapp_flows WHERE consultant_id = @consultantId", new { consultantId }, transaction);
        for (var index = 0; index < flows.Count; index++)
        {
            var flow = flows[index];
            await connection.ExecuteAsync(
                """
                INSERT INTO whatsapp_flows (consultant_id, id, name, starts_for_new_leads, definition, position, updated_at)
                VALUES (@consultantId, @id, @name, @startsForNewLeads, @definition::jsonb, @index, @now)
                """,
                new { consultantId, id = flow.Id, name = flow.Name.Trim(), startsForNewLeads = flow.StartsForNewLeads, definition = FlowJson.Write(flow), index, now },
                transaction);
        }

        await transaction.CommitAsync();
    }
}
