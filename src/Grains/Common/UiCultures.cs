using Microsoft.Net.Http.Headers;

namespace Consultant.Grains.Common;

/// <summary>The dashboard's languages, and the one a browser prefers.</summary>
public static class UiCultures
{
    public const string English = "en";
    public const string Italian = "it";

    public static IReadOnlyList<string> Supported { get; } = [English, Italian];

    public static bool IsSupported(string? code) => code is English or Italian;

    /// <summary>
    /// The first supported language in an Accept-Language header (or navigator.languages joined by commas), by
    /// quality and then order: "it-IT,it;q=0.9,en;q=0.8" is Italian. English when none is supported.
    /// </summary>
    public static string FromBrowser(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)
            || !StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var languages))
        {
            return English;
        }

        return languages
            .Where(language => (language.Quality ?? 1) > 0)
            .OrderByDescending(language => language.Quality ?? 1) // stable: equal qualities keep the browser's order
            .Select(language => language.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(IsSupported) ?? English;
    }
}
