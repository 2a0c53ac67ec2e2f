using System.Globalization;
using Consultant.Grains.Common;
using MudBlazor;

namespace Consultant.Web.Clients;

/// <summary>
/// A number field's text in the page's culture, read with <see cref="CultureNumbers"/> (Italian "62,5" is 62.5,
/// "2.500" is 2500) and written back grouped ("2.500", "62,5"). MudBlazor's own reading ignores thousands groups and
/// turns "62,5" into 625; text that is not a number here is a conversion error at the field, never another number.
/// </summary>
/// <typeparam name="T"><c>decimal?</c> or <c>int?</c>.</typeparam>
/// <param name="unreadable">What the field says when its text is not a number, in the page's language.</param>
public sealed class CultureNumberConverter<T>(string unreadable) : IReversibleConverter<T?, string?>
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;

    public string? Convert(T? input) => input switch
    {
        decimal number => number.ToString("#,##0.##########", culture),
        int number => number.ToString("#,##0", culture),
        _ => null,
    };

    public T? ConvertBack(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return default;
        }

        if (typeof(T) == typeof(int?) && CultureNumbers.TryParse(input, culture, out int whole))
        {
            return (T)(object)whole;
        }

        if (typeof(T) == typeof(decimal?) && CultureNumbers.TryParse(input, culture, out decimal number))
        {
            return (T)(object)number;
        }

        throw new FormatException(unreadable);
    }
}
