using System.Text.Json;

namespace Consultant.Grains.Inbox;

/// <summary>
/// An approved WhatsApp template: Twilio's Content SID and its text with placeholders {{1}}, {{2}}... (the text is
/// what the dashboard shows and stores; WhatsApp sends its approved version).
/// </summary>
public sealed record MessageTemplate(Guid Id, string Name, string ContentSid, string Body, DateTimeOffset CreatedAt)
{
    /// <summary>The placeholders the template's text uses, in order: "1", "2"...</summary>
    public IReadOnlyList<string> Placeholders => MessageTemplates.PlaceholderPattern().Matches(Body)
        .Select(m => m.Groups[1].Value).Distinct().OrderBy(int.Parse).ToList();

    public string Render(IReadOnlyDictionary<string, string> variables) =>
        MessageTemplates.PlaceholderPattern().Replace(Body, m => variables.GetValueOrDefault(m.Groups[1].Value) ?? m.Value);

    /// <summary>Twilio's ContentVariables: a JSON object of placeholder number to text.</summary>
    public static string ContentVariables(IReadOnlyDictionary<string, string> variables) => JsonSerializer.Serialize(variables);
}
