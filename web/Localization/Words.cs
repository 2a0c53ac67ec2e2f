using Microsoft.Extensions.Localization;

namespace Consultant.Web.Localization;

/// <summary>
/// A value's word on the page, from a table of its known values and their localized words (a broadcast's paused
/// status and the page's "Paused"): the one way the dashboard names statuses, answer types and other choices. A value
/// the table does not know (a status newer than the page) shows as it is.
/// </summary>
public static class Words
{
    public static string For<T>(T value, params ReadOnlySpan<(T Value, LocalizedString Word)> table)
    {
        foreach (var (known, word) in table)
        {
            if (EqualityComparer<T>.Default.Equals(known, value))
            {
                return word;
            }
        }

        return value?.ToString() ?? string.Empty;
    }
}
