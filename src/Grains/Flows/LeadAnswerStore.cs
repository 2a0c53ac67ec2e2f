using Consultant.Grains.Abstractions;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Flows;

/// <summary>A lead's answers in flows (<c>whatsapp_lead_answers</c>), one a step, the last answer winning. Every statement filters by consultant_id.</summary>
public sealed class LeadAnswerStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAsync(Guid consultantId, string contactAddress, LeadAnswer answer)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO whatsapp_lead_answers (consultant_id, contact_address, flow_id, step_id, field, value, raw, answered_at)
            VALUES (@consultantId, @contactAddress, @FlowId, @StepId, @field, @Value, @Raw, @AnsweredAt)
            ON CONFLICT (consultant_id, contact_address, flow_id, step_id)
            DO UPDATE SET field = excluded.field, value = excluded.value, raw = excluded.raw, answered_at = excluded.answered_at
            """,
            new { consultantId, contactAddress, answer.FlowId, answer.StepId, field = FieldName(answer.Field), answer.Value, answer.Raw, answer.AnsweredAt });
    }

    /// <summary>Everything the contact answered in any flow, oldest first.</summary>
    public async Task<IReadOnlyList<LeadAnswer>> ListAsync(Guid consultantId, string contactAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(Guid FlowId, string StepId, string Field, string Value, string Raw, DateTime AnsweredAt)>(
            """
            SELECT flow_id, step_id, field, value, raw, answered_at FROM whatsapp_lead_answers
             WHERE consultant_id = @consultantId AND contact_address = @contactAddress
             ORDER BY answered_at, step_id
            """,
            new { consultantId, contactAddress });
        return rows.Select(r => new LeadAnswer(
            r.FlowId, r.StepId, Enum.Parse<FlowAnswerField>(r.Field, ignoreCase: true), r.Value, r.Raw,
            new DateTimeOffset(DateTime.SpecifyKind(r.AnsweredAt, DateTimeKind.Utc)))).ToList();
    }

    /// <summary>A simulated lead's answers, forgotten when the simulator's preview starts it afresh; a real contact's stay.</summary>
    public async Task ForgetSimulatedAsync(Guid consultantId, string contactAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            DELETE FROM whatsapp_lead_answers
             WHERE consultant_id = @consultantId AND contact_address = @contactAddress AND starts_with(contact_address, @simulator)
            """,
            new { consultantId, contactAddress, simulator = ConversationKey.SimulatorPrefix });
    }

    private static string FieldName(FlowAnswerField field) => field.ToString().ToLowerInvariant();
}
