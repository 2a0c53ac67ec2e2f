using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Consultant.Grains.Interactive;

/// <summary>
/// A question as a Twilio Content resource: <c>twilio/quick-reply</c> (body, actions of title and id) or
/// <c>twilio/list-picker</c> (body, button, items of item, id and description). The text is the content itself (no
/// variables), so its hash says whether this account already has it.
/// </summary>
public static class InteractiveContent
{
    public const string QuickReplyType = "twilio/quick-reply";
    public const string ListPickerType = "twilio/list-picker";

    public static string TypeOf(InteractiveFormat format) => format switch
    {
        InteractiveFormat.QuickReply => QuickReplyType,
        InteractiveFormat.ListPicker => ListPickerType,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Numbered text is not a Content resource."),
    };

    /// <summary>The body of <c>POST /v1/Content</c>.</summary>
    public static JsonObject Request(InteractiveQuestion question) => new()
    {
        ["friendly_name"] = "interactive_" + Hash(question)[..24],
        ["language"] = question.Language.Code,
        ["variables"] = new JsonObject(),
        ["types"] = new JsonObject { [TypeOf(question.Format)] = Type(question) },
    };

    /// <summary>SHA-256 (hex) of the content's type, language and text: the same question gets the same hash.</summary>
    public static string Hash(InteractiveQuestion question)
    {
        var canonical = TypeOf(question.Format) + "\n" + question.Language.Code + "\n" + Type(question).ToJsonString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static JsonObject Type(InteractiveQuestion question) => question.Format == InteractiveFormat.QuickReply
        ? new JsonObject
        {
            ["body"] = question.Body.Trim(),
            ["actions"] = new JsonArray(question.Options
                .Select(o => (JsonNode)new JsonObject { ["title"] = o.Title.Trim(), ["id"] = o.Id }).ToArray()),
        }
        : new JsonObject
        {
            ["body"] = question.Body.Trim(),
            ["button"] = question.ListButtonText,
            ["items"] = new JsonArray(question.Options.Select(ListItem).ToArray()),
        };

    private static JsonNode ListItem(Abstractions.InteractiveOption option)
    {
        var item = new JsonObject { ["item"] = option.Title.Trim(), ["id"] = option.Id };
        if (!string.IsNullOrWhiteSpace(option.Description))
        {
            item["description"] = option.Description.Trim();
        }

        return item;
    }
}
