using Dapper;
using Npgsql;

namespace Consultant.Grains.Flows;

/// <summary>The messages of a batch as a flow reads them (<see cref="FlowReply"/>). Every statement filters by consultant_id.</summary>
public sealed class FlowBatchMessages(NpgsqlDataSource dataSource)
{
    public async Task<FlowReply> ReadAsync(Guid consultantId, IReadOnlyList<Guid> messageIds)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Body, string? ButtonPayload)>(
            """
            SELECT body, button_payload FROM messages
             WHERE consultant_id = @consultantId AND id = ANY(@ids) AND direction = 'inbound'
             ORDER BY created_at, id
            """,
            new { consultantId, ids = messageIds.ToArray() })).ToList();
        var texts = rows.Select(r => r.Body).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
        return new FlowReply(
            rows.LastOrDefault(r => !string.IsNullOrEmpty(r.ButtonPayload)).ButtonPayload,
            texts.LastOrDefault() ?? string.Empty,
            string.Join('\n', texts));
    }
}
