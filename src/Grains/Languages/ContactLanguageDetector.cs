using Lingua;

namespace Consultant.Grains.Languages;

/// <summary>
/// Lingua restricted to our four languages, built once (a singleton: its models are loaded on first use and shared).
/// Short messages fool any detector ("ok, fine" reads as Turkish, "Hello" as Sotho in a detector of every language),
/// so <see cref="DetectConfidently"/> answers only for a message long enough and read with high confidence.
/// </summary>
public sealed class ContactLanguageDetector
{
    /// <summary>Letters a message needs before its language may change the contact's: "ok", "Hello", "Grazie mille" never do.</summary>
    public const int MinimumLetters = 20;

    /// <summary>Words a message needs as well: one long word ("Supercalifragilistic") is no sentence.</summary>
    public const int MinimumWords = 3;

    /// <summary>How sure Lingua must be (its confidence among the four, 0 to 1) for a message to change the language.</summary>
    public const double MinimumConfidence = 0.9;

    private static readonly Dictionary<Language, ContactLanguage> Ours = new()
    {
        [Language.Italian] = ContactLanguage.Italian,
        [Language.English] = ContactLanguage.English,
        [Language.Spanish] = ContactLanguage.Spanish,
        [Language.French] = ContactLanguage.French,
    };

    // One per process, whatever the number of hosts (tests start several): the models are large.
    private static readonly Lazy<LanguageDetector> Shared = new(() => LanguageDetectorBuilder.FromLanguages([.. Ours.Keys]).Build());

    /// <summary>The most likely of the four and its confidence, whatever the length; null when nothing could be read.</summary>
    public LanguageDetection? Detect(string text)
    {
        var values = Shared.Value.ComputeLanguageConfidenceValues(text);
        var (best, confidence) = values.OrderByDescending(pair => pair.Value).FirstOrDefault();
        return confidence > 0 && Ours.TryGetValue(best, out var language) ? new LanguageDetection(language, confidence) : null;
    }

    /// <summary>The message's language when it is long enough and read with high confidence; otherwise null.</summary>
    public ContactLanguage? DetectConfidently(string text)
    {
        if (!IsLongEnough(text))
        {
            return null;
        }

        return Detect(text) is { Confidence: >= MinimumConfidence } detected ? detected.Language : null;
    }

    public static bool IsLongEnough(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetter));
        return words >= MinimumWords && text.Count(char.IsLetter) >= MinimumLetters;
    }
}
