using System.Globalization;
using System.Text;
using Consultant.Grains.Interactive;

namespace Consultant.Web.Flows;

/// <summary>An option's id made from its text ("Salute e benessere" → "salute-e-benessere"), so a consultant never has to invent one.</summary>
public static class OptionIds
{
    private const int MaxLength = 40; // short enough to read in the answers; InteractiveLimits allows more

    /// <summary>Lower-case letters and digits joined by "-", accents dropped; unique among <paramref name="taken"/> (-2, -3 …); <paramref name="fallback"/> for a text without letters.</summary>
    public static string FromText(string? text, IEnumerable<string> taken, string fallback)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var id = slug.ToString().Trim('-');
        id = id.Length == 0 ? fallback : id[..Math.Min(id.Length, Math.Min(MaxLength, InteractiveLimits.MaxIdLength))].TrimEnd('-');
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var unique = id;
        for (var n = 2; used.Contains(unique); n++)
        {
            unique = $"{id}-{n}";
        }

        return unique;
    }
}
