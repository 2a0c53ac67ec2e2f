using Consultant.Grains.Abstractions;
using Dapper;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// A conversation as the tests see it from outside: its row in the conversations list and how many of its inbound
/// messages still wait for an answer. <see cref="Settled"/>: nothing waits and the row was written after the last
/// answer, so its counts are final until the next message.
/// </summary>
public sealed record ConversationSnapshot(
    bool Exists, bool IsLead, Guid? ClientId, DateTimeOffset? LeadConvertedAt, bool AiEnabled, int MessageCount,
    int UnreadByConsultant, DateTimeOffset? LastMessageAt, DateTimeOffset? LastInboundAt, int PendingCount, bool NeedsReply,
    string? NeedsReplyReason, bool RowIsCurrent)
{
    public bool Settled => PendingCount == 0 && RowIsCurrent;

    public static async Task<ConversationSnapshot> ReadAsync(string connectionString, Guid consultantId, string phone)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var row = await connection.QuerySingleAsync<ConversationSnapshot>(
            """
            WITH waiting AS (
                SELECT count(*) FILTER (WHERE handled_at IS NULL)::int AS pending, max(handled_at) AS last_handled
                  FROM messages
                 WHERE consultant_id = @consultantId AND contact_phone = @phone AND direction = 'inbound')
            SELECT c.id IS NOT NULL AS Exists, COALESCE(c.is_lead, true) AS IsLead, c.client_id AS ClientId,
                   c.lead_converted_at AS LeadConvertedAt, COALESCE(c.ai_enabled, true) AS AiEnabled,
                   COALESCE(c.message_count, 0) AS MessageCount, COALESCE(c.unread_count, 0) AS UnreadByConsultant,
                   c.last_message_at AS LastMessageAt, c.last_inbound_at AS LastInboundAt, w.pending AS PendingCount,
                   COALESCE(c.needs_reply, false) AS NeedsReply, c.needs_reply_reason AS NeedsReplyReason,
                   COALESCE(w.last_handled IS NULL OR c.updated_at >= w.last_handled, false) AS RowIsCurrent
              FROM waiting w
              LEFT JOIN conversations c ON c.consultant_id = @consultantId AND c.contact_phone = @phone
            """,
            new { consultantId, phone });
        return row;
    }

    public static Task<ConversationSnapshot> ReadAsync(string connectionString, Guid consultantId, string phone, bool simulated) =>
        ReadAsync(connectionString, consultantId, simulated ? ConversationKey.Simulated(phone) : phone);
}
