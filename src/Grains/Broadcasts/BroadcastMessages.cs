using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Consultant.Grains.Languages;
using Consultant.Grains.Messages;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The message one contact gets: <c>{name}</c> filled with their name (or left out), a free text ending with the
/// opt-out hint in the broadcast's language (<see cref="BroadcastHintLanguage"/>) unless the consultant switched it off,
/// a template with its variables filled the same way (it carries its own wording).
/// </summary>
public static class BroadcastMessages
{
    public const string NamePlaceholder = "{name}";

    public static AutomatedMessage For(Broadcast broadcast, MessageTemplate? template, string? name, ContactLanguage hintLanguage)
    {
        if (broadcast.MessageText is { } text)
        {
            var filled = Fill(text, name);
            return new AutomatedMessage(
                broadcast.OptOutHint ? $"{filled}\n\n{ContactTexts.BroadcastOptOutHint(hintLanguage)}" : filled, MessageOrigin.Broadcast);
        }

        var variables = Variables(broadcast);
        var values = template!.Placeholders.ToDictionary(p => p, p => Fill(variables.GetValueOrDefault(p) ?? string.Empty, name));
        return new AutomatedMessage(
            template.Render(values), MessageOrigin.Broadcast, new OutboundTemplate(template.ContentSid, MessageTemplate.ContentVariables(values)));
    }

    /// <summary>The contact's first name where {name} stands; without a name, the placeholder and the space before it go.</summary>
    public static string Fill(string text, string? name) =>
        MessagePlaceholders.Fill(text, new Dictionary<string, string?> { [NamePlaceholder] = FirstName(name) });

    /// <summary>The first word of the contact's name; none when no name is known or it has no letter (a number shown as the name).</summary>
    public static string? FirstName(string? name) =>
        name?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } first && first.Any(char.IsLetter) ? first : null;

    /// <summary>
    /// Whether the broadcast needs the contact's name: a template variable that is only {name} would be empty without
    /// it, and WhatsApp refuses a template with an empty variable. Such contacts are excluded (<see cref="ExclusionReasons.NoName"/>).
    /// </summary>
    public static bool NeedsName(Broadcast broadcast) =>
        !broadcast.IsFreeText && Variables(broadcast).Values.Any(value => string.IsNullOrWhiteSpace(Fill(value, null)));

    private static Dictionary<string, string> Variables(Broadcast broadcast) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(broadcast.TemplateVariables ?? "{}") ?? [];
}
