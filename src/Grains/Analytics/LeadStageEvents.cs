using Consultant.Grains.Abstractions;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The <c>lead_stage_events</c> table: a lead's stage is written once (the first time it is reached), and only for a
/// contact who was a lead when they first wrote (the conversation is a lead's, or a lead's who became a client).
/// Recording any stage also records <see cref="LeadStage.New"/> at their first inbound message if it is missing, so
/// every lead with a stage belongs to a cohort. Every statement names consultant_id.
/// </summary>
public sealed class LeadStageEvents(NpgsqlDataSource dataSource, SharedRoundTrips shared)
{
    /// <summary>The lead's first inbound message, when the conversation is a lead's (or a converted lead's).</summary>
    private const string Lead =
        """
        lead AS (
            SELECT (SELECT min(i.created_at) FROM messages i
                     WHERE i.consultant_id = @consultantId AND i.contact_phone = @contactPhone AND i.direction = 'inbound') AS first_at
             WHERE EXISTS (SELECT 1 FROM conversations c
                            WHERE c.consultant_id = @consultantId AND c.contact_phone = @contactPhone
                              AND (c.is_lead OR c.lead_converted_at IS NOT NULL)))
        """;

    /// <summary>
    /// The lead's first inbound message, without asking the conversations table: for <see cref="RecordLeadMessageAsync"/>,
    /// whose caller (the conversation, when it stores a lead's message) knows the contact is a lead, and may run before
    /// the conversation's list row is written (it is written after the acknowledgement, AcknowledgementOptions).
    /// </summary>
    private const string LeadKnown =
        """
        lead AS (
            SELECT min(i.created_at) AS first_at FROM messages i
             WHERE i.consultant_id = @consultantId AND i.contact_phone = @contactPhone AND i.direction = 'inbound')
        """;

    private const string NewFromFirstMessage =
        """
        SELECT @consultantId, @contactPhone, 'new', lead.first_at, 'auto' FROM lead WHERE lead.first_at IS NOT NULL
        """;

    /// <summary>
    /// A lead's message was stored at <paramref name="at"/>: <see cref="LeadStage.New"/> at their first message, and
    /// <see cref="LeadStage.Engaged"/> when something of ours reached them between their first message and this one
    /// (an answer, or a follow-up they are answering). Returns whether the lead is engaged now (recorded now or before).
    /// </summary>
    public async Task<bool> RecordLeadMessageAsync(Guid consultantId, string contactPhone, DateTimeOffset at)
    {
        return await shared.QuerySingleAsync<bool>(
            $"""
            WITH {LeadKnown},
            added AS (
                INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
                {NewFromFirstMessage}
                UNION ALL
                SELECT @consultantId, @contactPhone, 'engaged', @at, 'auto' FROM lead
                 WHERE EXISTS (SELECT 1 FROM messages o
                                WHERE o.consultant_id = @consultantId AND o.contact_phone = @contactPhone
                                  AND o.direction = 'outbound' AND o.status NOT IN ('failed', 'undelivered', 'cancelled')
                                  AND o.created_at > lead.first_at AND o.created_at < @at)
                ON CONFLICT (consultant_id, contact_phone, stage) DO NOTHING
                RETURNING stage)
            SELECT EXISTS (SELECT 1 FROM added WHERE stage = 'engaged')
                OR EXISTS (SELECT 1 FROM lead_stage_events
                            WHERE consultant_id = @consultantId AND contact_phone = @contactPhone AND stage = 'engaged')
            """,
            new { consultantId, contactPhone, at });
    }

    /// <summary>Records <paramref name="stage"/> unless the lead reached it before. Returns whether it was recorded now.</summary>
    public async Task<bool> RecordAsync(Guid consultantId, string contactPhone, string stage, DateTimeOffset at, string source)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(
            $"""
            WITH {Lead},
            added AS (
                INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
                {NewFromFirstMessage}
                UNION ALL
                SELECT @consultantId, @contactPhone, @stage, @at, @source FROM lead
                ON CONFLICT (consultant_id, contact_phone, stage) DO NOTHING
                RETURNING stage, source)
            SELECT EXISTS (SELECT 1 FROM added WHERE stage = @stage AND source = @source)
            """,
            new { consultantId, contactPhone, stage, at, source });
    }

    /// <summary>The lead's stages as reached, first stage first (empty for a contact who was never a lead).</summary>
    public async Task<IReadOnlyList<LeadStageEvent>> ListAsync(Guid consultantId, string contactPhone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<LeadStageEvent>(
            $"""
            SELECT stage, at, source FROM lead_stage_events
             WHERE consultant_id = @consultantId AND contact_phone = @contactPhone
             ORDER BY {LeadStage.SqlRank("stage")}
            """,
            new { consultantId, contactPhone });
        return rows.ToList();
    }
}
