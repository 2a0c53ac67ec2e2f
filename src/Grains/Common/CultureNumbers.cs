using System.Globalization;

namespace Consultant.Grains.Common;

/// <summary>
/// A number as a person types it in their language: in Italian "62,5" is 62.5 and "2.500" is 2500; in English
/// "62.5" and "2,500". Thousands separators count only in groups of three, so a number written the other way
/// ("62.5" on an Italian page, "62,5" on an English one) is not read at all rather than read as 625.
/// </summary>
public static class CultureNumbers
{
    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        value = 0;
        var format = culture.NumberFormat;
        var trimmed = text?.Trim() ?? string.Empty;
        var negative = trimmed.StartsWith(format.NegativeSign, StringComparison.Ordinal);
        var unsigned = negative ? trimmed[format.NegativeSign.Length..] : trimmed;
        var (whole, fraction) = Split(unsigned, format.NumberDecimalSeparator);
        if (fraction is { Length: 0 } || (fraction is not null && !fraction.All(char.IsAsciiDigit)) || !IsWholePart(whole, format.NumberGroupSeparator, fraction is not null))
        {
            return false;
        }

        var digits = whole.Replace(format.NumberGroupSeparator, string.Empty, StringComparison.Ordinal) + (fraction is null ? "" : "." + fraction);
        if (!decimal.TryParse(digits.Length > 0 && digits[0] == '.' ? "0" + digits : digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false; // too large for a decimal
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>A whole number, typed the same way; false also when it does not fit an <see cref="int"/>.</summary>
    public static bool TryParse(string? text, CultureInfo culture, out int value)
    {
        value = 0;
        if (!TryParse(text, culture, out decimal number) || number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }

    private static (string Whole, string? Fraction) Split(string text, string decimalSeparator)
    {
        var at = text.IndexOf(decimalSeparator, StringComparison.Ordinal);
        return at < 0 ? (text, null) : (text[..at], text[(at + decimalSeparator.Length)..]);
    }

    /// <summary>Digits, either plain ("2500") or grouped by three ("2.500", "12.345.678"); empty only before a fraction (",5").</summary>
    private static bool IsWholePart(string whole, string groupSeparator, bool hasFraction)
    {
        if (whole.Length == 0)
        {
            return hasFraction;
        }

        var groups = whole.Split(groupSeparator);
        return groups.All(group => group.Length > 0 && group.All(char.IsAsciiDigit))
            && (groups.Length == 1 || (groups[0].Length <= 3 && groups.Skip(1).All(group => group.Length == 3)));
    }
}
