using System.Globalization;
using System.Text;
using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Interactive;

/// <summary>
/// Which option a contact's answer chose: by the payload of a tap first (the reliable way), else by a typed answer to
/// the numbered text ("2", "2.", "#2") or the option's text (case, accents and surrounding punctuation ignored).
/// Null when the answer is none of them: the flow treats it as free text.
/// </summary>
public static class InteractiveAnswers
{
    public static InteractiveOption? Match(IReadOnlyList<InteractiveOption> options, string? buttonPayload, string? text)
    {
        if (!string.IsNullOrEmpty(buttonPayload) && options.FirstOrDefault(o => o.Id == buttonPayload) is { } tapped)
        {
            return tapped;
        }

        var typed = Simplify(text);
        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= options.Count ? options[number - 1] : null;
        }

        return options.FirstOrDefault(o => Simplify(o.Title) == typed);
    }

    /// <summary>Lower case, without accents, surrounding spaces and punctuation: "Sì!" and "si" are the same answer.</summary>
    private static string Simplify(string? text)
    {
        var decomposed = (text ?? string.Empty).Trim().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            plain.Append(char.ToLowerInvariant(c));
        }

        return plain.ToString().Trim().Trim('.', ',', ';', ':', '!', '?', ')', '"', '\'', ' ').Normalize(NormalizationForm.FormC);
    }
}
