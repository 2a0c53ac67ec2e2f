using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.Grains.Languages;
using Dapper;
using Microsoft.Extensions.AI;
using Npgsql;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// "Let the AI write it": one follow-up written from the last messages of the conversation, in the contact's
/// language, starting from the rule's text, one message of at most <see cref="FollowUpRuleLimits.MaxAiLength"/>
/// characters. When the AI cannot answer, the rule's text goes.
/// </summary>
public sealed class FollowUpAiWriter(AiReplyGenerator ai, NpgsqlDataSource dataSource, IGrainFactory grains)
{
    private const int RecentMessages = 12;

    public async Task<string> WriteAsync(Guid consultantId, FollowUpContact contact, FollowUpMessage fallback, CancellationToken cancellationToken)
    {
        var language = ContactLanguage.All.FirstOrDefault(l => l.Code == fallback.Language) ?? ContactLanguage.Italian;
        var prompt = new List<ChatMessage>
        {
            new(ChatRole.System,
                $"""
                You write one short WhatsApp follow-up message for a consultant to a contact who has gone quiet or has a
                consultation. Write in {language.EnglishName}, at most {FollowUpRuleLimits.MaxAiLength} characters, one
                message, friendly, no lists, no placeholders. Say what this message says, adapted to the conversation:
                "{fallback.Text}"
                """),
        };
        prompt.AddRange((await RecentAsync(consultantId, contact.Phone)).Select(m =>
            new ChatMessage(m.Direction == "inbound" ? ChatRole.User : ChatRole.Assistant, m.Body)));
        prompt.Add(new ChatMessage(ChatRole.User, "(Write the follow-up message now.)"));

        var settings = await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
        var result = await ai.GenerateAsync(consultantId, contact.Phone, settings, forClient: !contact.IsLead, prompt, cancellationToken);
        return result.Text is { } text && !string.IsNullOrWhiteSpace(text) ? Bound(text) : fallback.Text;
    }

    /// <summary>One message of at most the limit: cut at the last word that fits.</summary>
    public static string Bound(string text)
    {
        text = text.Trim();
        if (text.Length <= FollowUpRuleLimits.MaxAiLength)
        {
            return text;
        }

        var cut = text[..FollowUpRuleLimits.MaxAiLength];
        var space = cut.LastIndexOf(' ');
        return (space > FollowUpRuleLimits.MaxAiLength / 2 ? cut[..space] : cut).TrimEnd() + "…";
    }

    private async Task<IReadOnlyList<(string Direction, string Body)>> RecentAsync(Guid consultantId, string phone)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string, string)>(
            """
            SELECT direction, body FROM messages
             WHERE consultant_id = @consultantId AND contact_phone = @phone AND body <> ''
             ORDER BY created_at DESC LIMIT @limit
            """,
            new { consultantId, phone, limit = RecentMessages });
        return rows.Reverse().ToList();
    }
}
