using Npgsql;

namespace Consultant.TestSupport;

/// <summary>
/// Rows of the message ledger written straight into a test database, for the statistics to count: inbound messages,
/// outbound ones with their origin, media, AI calls and lead stages. Each message returns its id. Times in any offset
/// (PostgreSQL stores the instant).
/// </summary>
public sealed class LedgerRows(string connectionString, Guid consultantId)
{
    public Task<Guid> InboundAsync(string phone, DateTimeOffset at, string sender = "lead", Guid? batchId = null) =>
        InsertAsync(phone, "inbound", sender, null, "received", at, null, batchId, null);

    /// <param name="origin">A MessageOrigin; the sender follows from it (consultant, or ai for all the assistant writes).</param>
    public Task<Guid> OutboundAsync(
        string phone, string origin, DateTimeOffset at, string status = "delivered", DateTimeOffset? sentAt = null, Guid? replyToBatchId = null) =>
        InsertAsync(phone, "outbound", origin == "consultant" ? "consultant" : "ai", origin, status, at,
            sentAt ?? (status is "cancelled" or "failed" ? null : at), null, replyToBatchId);

    /// <summary>An inbound batch answered by the AI: the messages at <paramref name="inbound"/>, the reply recorded and sent at <paramref name="replySentAt"/>.</summary>
    public async Task AnsweredByAiAsync(string phone, DateTimeOffset replySentAt, params DateTimeOffset[] inbound)
    {
        var batchId = Guid.NewGuid();
        foreach (var at in inbound)
        {
            await InboundAsync(phone, at, batchId: batchId);
        }

        await OutboundAsync(phone, "ai", replySentAt, replyToBatchId: batchId);
    }

    public async Task MediaAsync(Guid messageId, string mimeType, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO whatsapp_media_files (id, consultant_id, message_id, media_index, direction, file_name, mime_type, state, created_at)
            VALUES (gen_random_uuid(), @consultantId, @messageId,
                    (SELECT count(*) FROM whatsapp_media_files WHERE message_id = @messageId), 'inbound', 'file', @mimeType, 'done', @at);
            UPDATE messages SET num_media = num_media + 1 WHERE id = @messageId
            """,
            connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("messageId", messageId);
        command.Parameters.AddWithValue("mimeType", mimeType);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    public async Task AiCallAsync(string? phone, DateTimeOffset at, int inputTokens, int outputTokens, string outcome = "ok")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO ai_key_rotation_log (key_source, consultant_id, contact_phone, outcome, input_tokens, output_tokens, latency_ms, at)
            VALUES ('consultant', @consultantId, @phone, @outcome, @inputTokens, @outputTokens, 800, @at)
            """,
            connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("phone", (object?)phone ?? DBNull.Value);
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("inputTokens", inputTokens);
        command.Parameters.AddWithValue("outputTokens", outputTokens);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The conversation's list row, which says whether the contact is (or was) a lead and when they became a client.</summary>
    public async Task ConversationAsync(string phone, bool isLead, DateTimeOffset? convertedAt = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO conversations (id, consultant_id, contact_phone, is_lead, lead_converted_at, updated_at)
            VALUES (gen_random_uuid(), @consultantId, @phone, @isLead, @convertedAt, now())
            """,
            connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("isLead", isLead);
        command.Parameters.AddWithValue("convertedAt", (object?)convertedAt?.ToUniversalTime() ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A lead's stage as the funnel records it (<c>lead_stage_events</c>), reached at <paramref name="at"/>.</summary>
    public async Task LeadStageAsync(string phone, string stage, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO lead_stage_events (consultant_id, contact_phone, stage, at, source)
            VALUES (@consultantId, @phone, @stage, @at, 'auto')
            """,
            connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("stage", stage);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A follow-up of <paramref name="rule"/> sent at <paramref name="at"/>: its message (origin followup) and its row in
    /// <c>whatsapp_followup_reminders</c> naming that message. Returns the message's id.
    /// </summary>
    public async Task<Guid> FollowUpSentAsync(string phone, string rule, DateTimeOffset at)
    {
        var messageId = await OutboundAsync(phone, "followup", at);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO whatsapp_followup_reminders
                   (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, rule_due_at, status,
                    message_id, sent_at, created_at, updated_at)
            VALUES (gen_random_uuid(), @consultantId,
                    coalesce((SELECT id FROM conversations WHERE consultant_id = @consultantId AND contact_phone = @phone), gen_random_uuid()),
                    @phone, @rule, gen_random_uuid(), @at, @at, @at, 'sent', @messageId, @at, @at, @at)
            """,
            connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("rule", rule);
        command.Parameters.AddWithValue("messageId", messageId);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
        return messageId;
    }

    private async Task<Guid> InsertAsync(
        string phone, string direction, string sender, string? origin, string status, DateTimeOffset at, DateTimeOffset? sentAt,
        Guid? batchId, Guid? replyToBatchId)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, created_at, sent_at,
                                  batch_id, reply_to_batch_id, handled_at, channel)
            VALUES (@id, @consultantId, @phone, @direction, @sender, @origin, 'text', @status, @at, @sentAt,
                    @batchId, @replyToBatchId, @at, CASE WHEN starts_with(@phone, 'sim:') THEN 'simulator' ELSE 'whatsapp' END)
            """,
            connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("direction", direction);
        command.Parameters.AddWithValue("sender", sender);
        command.Parameters.AddWithValue("origin", (object?)origin ?? DBNull.Value);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        command.Parameters.AddWithValue("sentAt", (object?)sentAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("batchId", (object?)batchId ?? DBNull.Value);
        command.Parameters.AddWithValue("replyToBatchId", (object?)replyToBatchId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
