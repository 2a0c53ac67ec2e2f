using Dapper;
using Npgsql;

namespace Consultant.Grains.Conversations;

/// <summary>The conversations list view, written by the conversation grains.</summary>
public sealed class ConversationRepository(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(ConversationRow row)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO conversations (consultant_id, contact_phone, display_name, client_id, is_lead, lead_converted_at,
                ai_enabled, message_count, unread_count, last_message_at, last_inbound_at, last_preview, needs_reply,
                needs_reply_reason, updated_at)
            VALUES (@ConsultantId, @ContactPhone, @DisplayName, @ClientId, @IsLead, @LeadConvertedAt, @AiEnabled,
                @MessageCount, @UnreadCount, @LastMessageAt, @LastInboundAt, @LastPreview, @NeedsReply,
                @NeedsReplyReason, @UpdatedAt)
            ON CONFLICT (consultant_id, contact_phone) DO UPDATE SET
                display_name = EXCLUDED.display_name, client_id = EXCLUDED.client_id, is_lead = EXCLUDED.is_lead,
                lead_converted_at = EXCLUDED.lead_converted_at, ai_enabled = EXCLUDED.ai_enabled,
                message_count = EXCLUDED.message_count, unread_count = EXCLUDED.unread_count,
                last_message_at = EXCLUDED.last_message_at, last_inbound_at = EXCLUDED.last_inbound_at,
                last_preview = EXCLUDED.last_preview, needs_reply = EXCLUDED.needs_reply,
                needs_reply_reason = EXCLUDED.needs_reply_reason, updated_at = EXCLUDED.updated_at
            """,
            row);
    }

    public async Task<ConversationRow?> GetAsync(Guid consultantId, string contactPhone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<ConversationRow>(
            """
            SELECT consultant_id AS ConsultantId, contact_phone AS ContactPhone, display_name AS DisplayName,
                   client_id AS ClientId, is_lead AS IsLead, lead_converted_at AS LeadConvertedAt, ai_enabled AS AiEnabled,
                   message_count AS MessageCount, unread_count AS UnreadCount, last_message_at AS LastMessageAt,
                   last_inbound_at AS LastInboundAt, last_preview AS LastPreview, needs_reply AS NeedsReply,
                   needs_reply_reason AS NeedsReplyReason, updated_at AS UpdatedAt
              FROM conversations WHERE consultant_id = @consultantId AND contact_phone = @contactPhone
            """,
            new { consultantId, contactPhone });
    }
}
