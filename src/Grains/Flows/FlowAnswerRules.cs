using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Consultant.Grains.Replying;

namespace Consultant.Grains.Flows;

/// <summary>
/// How a flow reads a typed answer: a valid e-mail, phone or date (normalised), a contact asking for a person or
/// opting out (STOP's words, <see cref="OptOutKeywords"/>), and a message that looks like a question of its own.
/// </summary>
public static partial class FlowAnswerRules
{
    /// <summary>Words asking for a person, in it/en/es/fr, as a whole message.</summary>
    private static readonly HashSet<string> PersonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "operatore", "operator", "operador", "opérateur", "operateur", "umano", "human", "humano", "humain", "persona",
        "consulente", "agente", "agent", "aiuto", "help", "ayuda", "aide",
    };

    private static readonly string[] QuestionStarts =
    [
        "come ", "cosa ", "quanto ", "quando ", "dove ", "perché ", "perche ", "chi ", "qual ", "quale ", "posso ", "puoi ",
        "how ", "what ", "when ", "where ", "why ", "who ", "which ", "can ", "could ", "do ", "does ", "is ", "are ",
        "cómo ", "como ", "qué ", "que ", "cuánto ", "cuando ", "cuándo ", "dónde ", "por qué ", "puedo ",
        "comment ", "quoi ", "combien ", "quand ", "où ", "pourquoi ", "qui ", "est-ce ", "puis-je ",
    ];

    /// <summary>"operatore", "operator" and the like, or STOP/START: the flow stops and the conversation goes back to normal.</summary>
    public static bool LeavesTheFlow(string text) => AsksForPerson(text) || OptOutKeywords.Classify(text) != OptOutChange.None;

    /// <summary>"operatore", "operator" and the like, as a whole message: the contact asks for a person.</summary>
    public static bool AsksForPerson(string text) => PersonWords.Contains(text.Trim().TrimEnd('.', '!', '?').Trim());

    public static bool LooksLikeQuestion(string text)
    {
        var trimmed = text.Trim();
        var lower = trimmed.ToLowerInvariant();
        return trimmed.Contains('?') || trimmed.StartsWith('¿') || QuestionStarts.Any(start => lower.StartsWith(start, StringComparison.Ordinal));
    }

    /// <summary>The answer normalised for <paramref name="type"/> (e-mail, phone, date); null when it is not one.</summary>
    public static string? Check(FlowAnswerType type, string text) => type switch
    {
        FlowAnswerType.Email => Email(text),
        FlowAnswerType.Phone => Phone(text),
        FlowAnswerType.Date => Date(text),
        _ => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
    };

    private static string? Email(string text)
    {
        var candidate = text.Trim().Trim('<', '>', '.', ',');
        return EmailPattern().IsMatch(candidate) && MailAddress.TryCreate(candidate, out var address) && address.Address == candidate
            ? candidate.ToLowerInvariant()
            : null;
    }

    private static string? Phone(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return PhonePattern().IsMatch(text.Trim()) && digits.Length is >= 6 and <= 15
            ? (text.Trim().StartsWith('+') ? "+" : string.Empty) + digits
            : null;
    }

    private static readonly string[] DateFormats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d", "d/M/yy", "d/M"];

    private static string? Date(string text) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ().-]+$")]
    private static partial Regex PhonePattern();
}
