namespace Consultant.Grains.Common;

/// <summary>
/// A search that looks like a phone number, matched against numbers stored in E.164 (+393331234567) whichever way
/// people type them: as shown ("+39 333 123 4567"), with dashes or brackets, as digits, with the international "00"
/// instead of "+" ("0039 333…"), or with a national "0" ("07911 123456" for +44 7911 123456). The conversation list
/// and the client list search by it.
/// </summary>
public static class PhoneSearch
{
    private const string NumberPunctuation = " +-().";
    private const int MinDigitsWithoutPrefix = 4;

    /// <summary>The search's digits when it looks like a number (digits and the punctuation of one only); else empty: it is a name.</summary>
    public static string Digits(string? search) =>
        search is not null && search.Any(char.IsDigit) && search.All(ch => char.IsDigit(ch) || NumberPunctuation.Contains(ch))
            ? new string(search.Where(char.IsDigit).ToArray())
            : string.Empty;

    /// <summary>
    /// The runs of digits a stored number may contain for this search: its digits, and without a leading "00" or a
    /// leading national "0" (a stored number has neither) when at least four digits are left. Empty when the search is
    /// no number.
    /// </summary>
    public static IReadOnlyList<string> StoredDigits(string? search)
    {
        var digits = Digits(search);
        if (digits.Length == 0)
        {
            return [];
        }

        var typedWithPlus = search!.TrimStart().StartsWith('+');
        var withoutPrefix = typedWithPlus ? null
            : digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..]
            : digits.StartsWith('0') ? digits[1..]
            : null;
        // "0002" is more likely the end of a number than a prefix before "2": a run that short would find nearly anyone.
        return withoutPrefix is null || withoutPrefix.Length < MinDigitsWithoutPrefix ? [digits] : [digits, withoutPrefix];
    }

    /// <summary>
    /// Whether a stored number (E.164, or an address holding one such as a simulator's "sim:+39…") is what the search
    /// types: it contains one of <see cref="StoredDigits"/>. The database asks the same with <c>LIKE ANY</c>.
    /// </summary>
    public static bool Matches(string? stored, string? search) =>
        stored is not null && StoredDigits(search).Any(digits => stored.Contains(digits, StringComparison.Ordinal));
}
