using Lingua;

namespace Consultant.Grains.Languages;

/// <summary>
/// Lingua restricted to our four languages, built once (a singleton: its models are loaded on first use and shared).
/// Short messages fool any detector ("ok, fine" reads as Turkish, "Hello" as Sotho in a detector of every language),
/// so <see cref="DetectConfidently"/> answers only for a message long enough and clearly in one language
/// (<see cref="IsClear"/>).
/// </summary>
public sealed class ContactLanguageDetector
{
    /// <summary>Letters a message needs before its language may change the contact's: "ok", "Hello", "Grazie mille" never do.</summary>
    public const int MinimumLetters = 20;

    /// <summary>Words a message needs as well: one long word ("Supercalifragilistic") is no sentence.</summary>
    public const int MinimumWords = 3;

    /// <summary>How sure Lingua must be (its confidence among the four, 0 to 1) for any long-enough message to change the language.</summary>
    public const double MinimumConfidence = 0.9;

    /// <summary>Words from which a message is a sentence: a clear lead over the runner-up is enough (<see cref="IsClear"/>).</summary>
    public const int SentenceWords = 7;

    /// <summary>How sure Lingua must still be of a sentence's language.</summary>
    public const double SentenceConfidence = 0.75;

    /// <summary>How many times the runner-up's confidence the sentence's language needs.</summary>
    public const double SentenceLead = 8;

    private static readonly Dictionary<Language, ContactLanguage> Ours = new()
    {
        [Language.Italian] = ContactLanguage.Italian,
        [Language.English] = ContactLanguage.English,
        [Language.Spanish] = ContactLanguage.Spanish,
        [Language.French] = ContactLanguage.French,
    };

    // One per process, whatever the number of hosts (tests start several): the models are large (about 125 MB for the
    // four). All of them loaded when built (LoadModels, at start-up), not each on the first message that needs it.
    private static readonly Lazy<LanguageDetector> Shared =
        new(() => LanguageDetectorBuilder.FromLanguages([.. Ours.Keys]).WithPreloadedLanguageModels().Build());

    // Trigrams only: about a fifth of the full look (1- to 5-grams), good enough to see which language leads a sentence.
    private static readonly Lazy<LanguageDetector> Quick =
        new(() => LanguageDetectorBuilder.FromLanguages([.. Ours.Keys]).WithLowAccuracyMode().WithPreloadedLanguageModels().Build());

    /// <summary>Whether this process has loaded the models (<see cref="LoadModels"/> or a first detection).</summary>
    public static bool ModelsLoaded => Shared.IsValueCreated && Quick.IsValueCreated;

    /// <summary>
    /// Loads every model now (about 2 s of CPU and 440 MB allocated, once per process; <see cref="LanguageModelsPreload"/>
    /// calls it as the silo starts). Lazily, the first long message paid it while every request in flight waited.
    /// </summary>
    public void LoadModels()
    {
        _ = Quick.Value;
        _ = Shared.Value;
    }

    /// <summary>The most likely of the four and its confidence, whatever the length; null when nothing could be read.</summary>
    public LanguageDetection? Detect(string text)
    {
        var ranked = Rank(text);
        return ranked.Count > 0 ? ranked[0] : null;
    }

    /// <summary>The message's language when it is long enough and clearly in it (<see cref="IsClear"/>); otherwise null.</summary>
    public ContactLanguage? DetectConfidently(string text)
    {
        var words = WordsOf(text);
        if (!IsLongEnough(text, words))
        {
            return null;
        }

        var ranked = Rank(text);
        return ranked.Count > 0 && IsClear(ranked[0].Confidence, ranked.Count > 1 ? ranked[1].Confidence : 0, words) ? ranked[0].Language : null;
    }

    /// <summary>
    /// The language a message clearly moves the contact to from <paramref name="inForce"/>, as <see cref="DetectConfidently"/>
    /// reads it; null when it stays. Most messages are in the language already in force: when a quick look (trigrams
    /// only) finds that language ahead, the message cannot move the contact and the full look is skipped.
    /// </summary>
    public ContactLanguage? DetectChange(string text, ContactLanguage inForce)
    {
        var words = WordsOf(text);
        if (!IsLongEnough(text, words) || QuickLeader(text) == inForce)
        {
            return null;
        }

        var ranked = Rank(text);
        return ranked.Count > 0 && ranked[0].Language != inForce && IsClear(ranked[0].Confidence, ranked.Count > 1 ? ranked[1].Confidence : 0, words)
            ? ranked[0].Language
            : null;
    }

    /// <summary>
    /// Whether a long-enough message of <paramref name="words"/> words is clearly in its most likely language: Lingua is
    /// at least <see cref="MinimumConfidence"/> sure of it; or the message is a sentence (<see cref="SentenceWords"/>
    /// words or more), Lingua is still <see cref="SentenceConfidence"/> sure, and the runner-up is far behind
    /// (<see cref="SentenceLead"/> times less likely). So "Can I book a session for tomorrow?" (English 0.86, the
    /// runner-up 0.06) is English from an Italian number; Italian written with English words in it splits its confidence
    /// ("Ok, il personal training online va bene": English 0.77, Italian 0.13) and keeps the number's language, and so
    /// does a shorter message that reads English ("Ciao! Info sul coaching online please": six words, English 0.87).
    /// </summary>
    public static bool IsClear(double top, double runnerUp, int words) =>
        top >= MinimumConfidence || (words >= SentenceWords && top >= SentenceConfidence && top >= SentenceLead * runnerUp);

    public static bool IsLongEnough(string text) => IsLongEnough(text, WordsOf(text));

    private static bool IsLongEnough(string text, int words) => words >= MinimumWords && text.Count(char.IsLetter) >= MinimumLetters;

    /// <summary>The words that have a letter: a number, a time or an emoji is none.</summary>
    private static int WordsOf(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetter));

    private static ContactLanguage? QuickLeader(string text) =>
        Quick.Value.DetectLanguageOf(text) is var language && Ours.TryGetValue(language, out var ours) ? ours : null;

    /// <summary>The four, most likely first, with Lingua's confidence (they add up to 1); empty when nothing could be read.</summary>
    private static List<LanguageDetection> Rank(string text) =>
        Shared.Value.ComputeLanguageConfidenceValues(text)
            .Where(pair => pair.Value > 0 && Ours.ContainsKey(pair.Key))
            .OrderByDescending(pair => pair.Value)
            .Select(pair => new LanguageDetection(Ours[pair.Key], pair.Value))
            .ToList();
}
