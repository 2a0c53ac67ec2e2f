using System.Text.RegularExpressions;
using Consultant.Grains.Common;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Inbox;

/// <summary>A consultant's templates, validated and scoped like everything else.</summary>
public sealed partial class MessageTemplates(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const int MaxNameLength = 64;
    public const int MaxBodyLength = 1024;
    public const int MaxVariableLength = 200;

    [GeneratedRegex(@"\{\{(\d{1,2})\}\}")]
    internal static partial Regex PlaceholderPattern();

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSidPattern();

    public async Task<IReadOnlyList<MessageTemplate>> ListAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<MessageTemplate>(
            """
            SELECT id, name, content_sid AS ContentSid, body, created_at AS CreatedAt FROM message_templates
             WHERE consultant_id = @consultantId ORDER BY lower(name)
            """,
            new { consultantId });
        return rows.ToList();
    }

    public async Task<MessageTemplate?> FindAsync(Guid consultantId, Guid templateId) =>
        (await ListAsync(consultantId)).FirstOrDefault(t => t.Id == templateId);

    /// <summary>The new template; a name the consultant already uses is refused like any other invalid name.</summary>
    public async Task<Result<MessageTemplate>> AddAsync(Guid consultantId, string? name, string? contentSid, string? body)
    {
        var errors = new ValidationErrors();
        name = name?.Trim();
        contentSid = contentSid?.Trim();
        body = body?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors.Add("name", $"A name of 1 to {MaxNameLength} characters.");
        }

        if (contentSid is null || !ContentSidPattern().IsMatch(contentSid))
        {
            errors.Add("contentSid", "The template's Content SID from the Twilio console: HX followed by 32 hexadecimal characters.");
        }

        if (string.IsNullOrEmpty(body) || body.Length > MaxBodyLength)
        {
            errors.Add("body", $"The template's text (1 to {MaxBodyLength} characters), with {{{{1}}}}, {{{{2}}}}... where it has variables.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var template = new MessageTemplate(Guid.NewGuid(), name!, contentSid!, body!, time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync();
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO message_templates (id, consultant_id, name, content_sid, body, created_at)
            VALUES (@Id, @consultantId, @Name, @ContentSid, @Body, @CreatedAt)
            ON CONFLICT (consultant_id, lower(name)) DO NOTHING
            """,
            new { template.Id, consultantId, template.Name, template.ContentSid, template.Body, template.CreatedAt });
        return inserted == 0 ? Problem.Invalid("name", "You already have a template with this name.") : template;
    }

    public async Task<bool> DeleteAsync(Guid consultantId, Guid templateId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            "DELETE FROM message_templates WHERE consultant_id = @consultantId AND id = @templateId", new { consultantId, templateId }) == 1;
    }
}
