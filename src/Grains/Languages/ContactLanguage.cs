using System.Globalization;

namespace Consultant.Grains.Languages;

/// <summary>
/// The languages the assistant speaks with contacts: Italian, English, Spanish and French. Everything it writes to a
/// contact itself is translated into these four, and the AI is told which one to answer in.
/// </summary>
public sealed class ContactLanguage
{
    public static readonly ContactLanguage Italian = new("it", "Italian", "Italiano");
    public static readonly ContactLanguage English = new("en", "English", "English");
    public static readonly ContactLanguage Spanish = new("es", "Spanish", "Español");
    public static readonly ContactLanguage French = new("fr", "French", "Français");

    /// <summary>The four, in the order the dashboard offers them.</summary>
    public static IReadOnlyList<ContactLanguage> All { get; } = [Italian, English, Spanish, French];

    /// <summary>What an API error lists as the choices: "it, en, es or fr".</summary>
    public static string CodesText { get; } = string.Join(", ", All.SkipLast(1).Select(l => l.Code)) + " or " + All[^1].Code;

    private ContactLanguage(string code, string englishName, string nativeName)
    {
        Code = code;
        EnglishName = englishName;
        NativeName = nativeName;
        Culture = CultureInfo.GetCultureInfo(code);
    }

    /// <summary>ISO 639-1, as stored and in the API: it, en, es, fr.</summary>
    public string Code { get; }

    /// <summary>The name the AI is told ("Spanish").</summary>
    public string EnglishName { get; }

    /// <summary>The name in the language itself, as the dashboard's picker shows it ("Español").</summary>
    public string NativeName { get; }

    /// <summary>The culture the contact texts are read in (passed explicitly, never the thread's).</summary>
    public CultureInfo Culture { get; }

    /// <summary>One of the four by its code (any case, "it-IT" too); null for anything else.</summary>
    public static ContactLanguage? FromCode(string? code)
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var twoLetters = text.Split('-', '_')[0];
        return All.FirstOrDefault(language => string.Equals(language.Code, twoLetters, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString() => Code;
}
