using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Consultant.Grains.Languages;

/// <summary>
/// A contact asking for a language, in any of the four: "can you write in English?", "puoi scrivere in italiano?",
/// "¿puedes escribir en español?", "pouvez-vous écrire en français ?", or just "in English please". A short message
/// naming one of the four after a verb of writing or speaking (or alone with "please") is a request; a long one that
/// merely mentions a language ("I lived in Spain, my Spanish is rusty") is not.
/// </summary>
public static class LanguageRequests
{
    /// <summary>Longer messages are about something else, even when they name a language.</summary>
    public const int MaximumLength = 120;

    // Each language's names in the four languages, without accents (the message is compared without them).
    private static readonly (ContactLanguage Language, string[] Names)[] Names =
    [
        (ContactLanguage.Italian, ["italian", "italiano", "italien"]),
        (ContactLanguage.English, ["english", "inglese", "ingles", "anglais"]),
        (ContactLanguage.Spanish, ["spanish", "spagnolo", "espanol", "castellano", "espagnol"]),
        (ContactLanguage.French, ["french", "francese", "frances", "francais"]),
    ];

    // Per language: "write ... in X", "speak X" ("parlez-vous anglais"), or just "(in) X (please)".
    private static readonly (ContactLanguage Language, Regex[] Patterns)[] Requests = Names
        .Select(entry => (entry.Language, PatternsFor(string.Join('|', entry.Names))))
        .ToArray();

    // Every pattern needs one of the names: a message naming none (nearly all) skips the twelve regular expressions,
    // which ran on every message (1.5 % of the silo when new conversations arrive, bench/NOTES.md session 17).
    private static readonly SearchValues<string> AnyName =
        SearchValues.Create([.. Names.SelectMany(entry => entry.Names)], StringComparison.Ordinal);

    /// <summary>The language asked for, or null when the message asks for none.</summary>
    public static ContactLanguage? AskedFor(string message)
    {
        if (message.Length > MaximumLength)
        {
            return null;
        }

        var lower = message.ToLowerInvariant();
        var text = Ascii.IsValid(lower) ? lower : WithoutAccents(lower);
        if (!text.AsSpan().ContainsAny(AnyName))
        {
            return null;
        }

        return Requests.FirstOrDefault(request => request.Patterns.Any(pattern => pattern.IsMatch(text))).Language;
    }

    private static Regex[] PatternsFor(string names) =>
    [
        new($@"\b{Verbs}\b.*\b(in|en)\s+({names})\b", RegexOptions.CultureInvariant),
        new($@"\b{Verbs}(\W+(you|vous|tu))?\W+({names})\b", RegexOptions.CultureInvariant),
        new($@"^\W*((in|en)\s+)?({names})\s*({Please})?\W*$", RegexOptions.CultureInvariant),
    ];

    // Write, speak, answer, talk, continue, in the four languages (stems, so "scrivermi", "écrivez", "hablame" match).
    private const string Verbs =
        @"(write|writing|speak|talk|answer|reply|respond|text|continue|switch|" +
        @"scriv\w*|parl\w*|rispond\w*|continu\w*|" +
        @"escrib\w*|habl\w*|respond\w*|contest\w*|segu\w*|" +
        @"ecri\w*|repond\w*)";

    private const string Please = @"please|pls|per favore|perfavore|por favor|s'il vous plait|s'il te plait|svp";

    private static string WithoutAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var kept = decomposed.Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark);
        return new string(kept.ToArray()).Normalize(NormalizationForm.FormC);
    }
}
