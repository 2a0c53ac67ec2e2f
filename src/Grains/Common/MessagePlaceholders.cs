using System.Text.RegularExpressions;

namespace Consultant.Grains.Common;

/// <summary>
/// Fills a contact-facing text's placeholders (<c>{name}</c>, <c>{date}</c>, <c>{time}</c>, <c>{link}</c>). A value that
/// is empty must not leave a gap the contact reads: an empty name goes with the space before it ("Ciao {name}!" →
/// "Ciao!"), an empty link with the words that introduce it since the sentence before ("… alle 09:00. Link: {link}" →
/// "… alle 09:00.").
/// </summary>
public static partial class MessagePlaceholders
{
    public const string Name = "{name}";
    public const string Link = "{link}";

    public static string Fill(string text, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (placeholder, value) in values)
        {
            text = string.IsNullOrWhiteSpace(value) ? WithoutEmpty(text, placeholder) : text.Replace(placeholder, value.Trim(), StringComparison.Ordinal);
        }

        return text.Trim();
    }

    private static string WithoutEmpty(string text, string placeholder) => placeholder == Link
        ? LinkWithItsLabel().Replace(text, string.Empty)
        : text.Replace(" " + placeholder, string.Empty, StringComparison.Ordinal)
            .Replace(placeholder + ", ", string.Empty, StringComparison.Ordinal)
            .Replace(placeholder, string.Empty, StringComparison.Ordinal);

    /// <summary>"{link}" with what precedes it back to the end of the previous sentence (or the start).</summary>
    [GeneratedRegex(@"\s*[^.!?¡¿\n]*\{link\}")]
    private static partial Regex LinkWithItsLabel();
}
