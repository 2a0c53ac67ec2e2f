using System.Text.Json;
using Dapper;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>The consultant's saved rules (<c>whatsapp_followup_rules</c>); a rule never saved is its default.</summary>
public sealed class FollowUpRuleStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<FollowUpRuleSet> GetAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var saved = (await connection.QueryAsync<RuleRow>(
                """
                SELECT rule AS Rule, enabled AS Enabled, delay_minutes AS DelayMinutes, texts::text AS Texts,
                       template_sid AS TemplateSid, template_variables::text AS TemplateVariables, ai_writes AS AiWrites
                  FROM whatsapp_followup_rules WHERE consultant_id = @consultantId
                """,
                new { consultantId }))
            .ToDictionary(row => row.Rule, row => row.ToRule());
        return new FollowUpRuleSet(FollowUpRuleDefaults.All.Rules.Select(rule => saved.GetValueOrDefault(rule.Key, rule)).ToList());
    }

    public async Task SaveAsync(Guid consultantId, FollowUpRuleSet rules)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var rule in rules.Rules)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO whatsapp_followup_rules
                       (consultant_id, rule, enabled, delay_minutes, texts, template_sid, template_variables, ai_writes, updated_at)
                VALUES (@consultantId, @Key, @Enabled, @DelayMinutes, @texts::jsonb, @templateSid, @templateVariables::jsonb, @AiWrites, @now)
                ON CONFLICT (consultant_id, rule) DO UPDATE
                   SET enabled = excluded.enabled, delay_minutes = excluded.delay_minutes, texts = excluded.texts,
                       template_sid = excluded.template_sid, template_variables = excluded.template_variables,
                       ai_writes = excluded.ai_writes, updated_at = excluded.updated_at
                """,
                new
                {
                    consultantId, rule.Key, rule.Enabled, rule.DelayMinutes, rule.AiWrites, now = time.GetUtcNow(),
                    texts = JsonSerializer.Serialize(rule.Texts),
                    templateSid = rule.Template?.ContentSid,
                    templateVariables = rule.Template is null ? null : JsonSerializer.Serialize(rule.Template.Variables),
                },
                transaction);
        }

        await transaction.CommitAsync();
    }

    private sealed record RuleRow(
        string Rule, bool Enabled, int DelayMinutes, string Texts, string? TemplateSid, string? TemplateVariables, bool AiWrites)
    {
        public FollowUpRule ToRule() => new(
            Rule, Enabled, DelayMinutes,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Texts) ?? [],
            TemplateSid is null ? null : new FollowUpTemplate(TemplateSid, JsonSerializer.Deserialize<Dictionary<string, string>>(TemplateVariables ?? "{}") ?? []),
            AiWrites);
    }
}
