using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// The arguments the model gave a tool, read as text whatever JSON it used. Every reader returns null for a missing
/// or malformed value, and <see cref="Problems"/> says which, in words the model can act on.
/// </summary>
public sealed class ChatToolArguments(AIFunctionArguments arguments)
{
    private const int LongestText = 500;

    private readonly List<string> problems = [];

    /// <summary>What was missing or malformed so far; empty when all was well.</summary>
    public string Problems => string.Join(" ", problems);

    public bool HasProblems => problems.Count > 0;

    public string? Text(string name, bool required = true)
    {
        var value = arguments.TryGetValue(name, out var raw) ? raw switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.String } text => text.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement other => other.GetRawText(),
            _ => Convert.ToString(raw, CultureInfo.InvariantCulture),
        } : null;
        value = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (value is null && required)
        {
            problems.Add($"'{name}' is required.");
        }

        if (value is { Length: > LongestText })
        {
            problems.Add($"'{name}' is too long (at most {LongestText} characters).");
            return null;
        }

        return value;
    }

    /// <summary>An id the tools gave (a slot_id or a booking_id).</summary>
    public Guid? Id(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        problems.Add($"'{name}' must be an id exactly as a tool gave it, not a time or a number.");
        return null;
    }

    /// <summary>A date written yyyy-MM-dd.</summary>
    public DateOnly? Date(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add($"'{name}' must be a date written yyyy-MM-dd.");
        return null;
    }
}
