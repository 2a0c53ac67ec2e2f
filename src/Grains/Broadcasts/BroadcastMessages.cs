using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Consultant.Grains.Languages;
using Consultant.Grains.Messages;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The message one contact gets: <c>{name}</c> filled with their name (or left out), a free text ending with the
/// opt-out hint in their language, a template with its variables filled the same way (it carries its own wording).
/// </summary>
public static class BroadcastMessages
{
    public const string NamePlaceholder = "{name}";

    public static AutomatedMessage For(Broadcast broadcast, MessageTemplate? template, string? name, ContactLanguage language)
    {
        if (broadcast.MessageText is { } text)
        {
            return new AutomatedMessage($"{Fill(text, name)}\n\n{ContactTexts.BroadcastOptOutHint(language)}", MessageOrigin.Broadcast);
        }

        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(broadcast.TemplateVariables ?? "{}") ?? [];
        var values = template!.Placeholders.ToDictionary(p => p, p => Fill(variables.GetValueOrDefault(p) ?? string.Empty, name));
        return new AutomatedMessage(
            template.Render(values), MessageOrigin.Broadcast, new OutboundTemplate(template.ContentSid, MessageTemplate.ContentVariables(values)));
    }

    /// <summary>The contact's first name where {name} stands; without a name, the placeholder and the space before it go.</summary>
    public static string Fill(string text, string? name) =>
        MessagePlaceholders.Fill(text, new Dictionary<string, string?> { [NamePlaceholder] = name?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() });
}
