using System.Globalization;
using Consultant.Grains.Common;

namespace Consultant.Web.Localization;

/// <summary>
/// The dashboard's language codes (<see cref="UiCultures"/>) as the cultures that format its dates and numbers:
/// Italian as in Italy (25/11/2026, 14:30, 1.234,56), English as in the United Kingdom (day before month, 24-hour
/// clock), since the consultants and their clients are in Europe.
/// </summary>
public static class DashboardCultures
{
    public const string ItalianCulture = "it-IT";
    public const string EnglishCulture = "en-GB";

    public static IReadOnlyList<string> Names { get; } = [EnglishCulture, ItalianCulture];

    public static string NameOf(string uiCulture) => uiCulture == UiCultures.Italian ? ItalianCulture : EnglishCulture;

    public static CultureInfo Of(string uiCulture) => CultureInfo.GetCultureInfo(NameOf(uiCulture));
}
