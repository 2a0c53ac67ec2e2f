using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

/// <summary>
/// A refused save said the same way on every form that lists its mistakes (Guided flows, Broadcasts): a toast saying
/// how many (<see cref="Toast"/>), and the mistakes themselves at the top of the form (<c>RefusalSummary</c>), the
/// same ones the toast counts, each once and in words that name where it is.
/// </summary>
public sealed class Refusals(IStringLocalizer<SharedText> L)
{
    /// <summary>The mistakes to list: each message once, in the order given (the toast counts these).</summary>
    public static IReadOnlyList<string> Once(IEnumerable<string> messages) =>
        messages.Where(message => !string.IsNullOrWhiteSpace(message)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>"Not saved: 2 mistakes, marked in red." for a summary of <paramref name="count"/> lines.</summary>
    public string Toast(int count) => count == 1
        ? L["Not saved: 1 mistake, marked in red."]
        : L["Not saved: {0} mistakes, marked in red.", count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)];
}
