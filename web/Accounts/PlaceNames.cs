using System.Globalization;
using Consultant.Grains.Common;
using NodaTime.TimeZones;

namespace Consultant.Web.Accounts;

/// <summary>
/// Countries and time zones as a consultant looks for them: by the country's name in the dashboard's language
/// ("Italia", "Germania") and, for the zones, by their city ids ("new york") or a common city name in Italian
/// ("roma", "milano"). Values stay what the service stores: the two-letter code, the IANA id.
/// </summary>
public static class PlaceNames
{
    /// <summary>Each zone's country, from the tz database's zone list.</summary>
    private static readonly Dictionary<string, string> ZoneCountries = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .GroupBy(location => location.ZoneId, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.First().CountryCode, StringComparer.Ordinal);

    /// <summary>Cities an Italian consultant types by their Italian name, where the zone's id spells them otherwise or not at all.</summary>
    private static readonly Dictionary<string, string[]> CityNames = new(StringComparer.Ordinal)
    {
        ["Europe/Rome"] = ["Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna", "Firenze", "Bari", "Venezia", "Verona"],
        ["Europe/London"] = ["Londra"],
        ["Europe/Paris"] = ["Parigi"],
        ["Europe/Berlin"] = ["Berlino", "Monaco di Baviera"],
        ["Europe/Madrid"] = ["Barcellona", "Siviglia"],
        ["Europe/Lisbon"] = ["Lisbona"],
        ["Europe/Brussels"] = ["Bruxelles"],
        ["Europe/Zurich"] = ["Zurigo", "Ginevra", "Lugano"],
        ["Europe/Athens"] = ["Atene"],
        ["Europe/Moscow"] = ["Mosca"],
        ["Europe/Warsaw"] = ["Varsavia"],
        ["Europe/Prague"] = ["Praga"],
        ["Europe/Copenhagen"] = ["Copenaghen"],
        ["Europe/Stockholm"] = ["Stoccolma"],
        ["Europe/Dublin"] = ["Dublino"],
        ["Europe/Bucharest"] = ["Bucarest"],
        ["Europe/Belgrade"] = ["Belgrado"],
        ["Europe/Kyiv"] = ["Kiev"],
        ["America/Sao_Paulo"] = ["San Paolo"],
        ["America/Mexico_City"] = ["Città del Messico"],
        ["Asia/Tokyo"] = ["Tokyo"],
    };

    /// <summary>"Italia" in an Italian dashboard, "Italy" in an English one; the code alone when .NET has no name for it.</summary>
    public static string CountryName(string code)
    {
        try
        {
            // A culture of the dashboard's language in that country names the country in that language.
            return new RegionInfo($"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}-{code}").NativeName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>"IT – Italia", as the country picker shows a code.</summary>
    public static string CountryLabel(string? code) => string.IsNullOrEmpty(code) ? string.Empty : $"{code} – {CountryName(code)}";

    /// <summary>The country a zone is in, in the dashboard's language; null for UTC and the like.</summary>
    public static string? ZoneCountryName(string zone) => ZoneCountries.TryGetValue(zone, out var code) ? CountryName(code) : null;

    /// <summary>Countries by code or name; those whose name starts with the text first ("italia": IT first).</summary>
    public static IEnumerable<string> SearchCountries(string? text)
    {
        var wanted = (text ?? string.Empty).Trim();
        return PhoneNumberNormalizer.SupportedCountries
            .Select(code => (Code: code, Rank: CountryRank(code, wanted)))
            .Where(country => country.Rank is not null)
            .OrderBy(country => country.Rank)
            .ThenBy(country => CountryName(country.Code), StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))
            .Select(country => country.Code);
    }

    /// <summary>Zones by id ("new york" finds America/New_York), by country, or by a city's Italian name; best matches first.</summary>
    public static IEnumerable<string> SearchTimeZones(string? text)
    {
        var wanted = (text ?? string.Empty).Trim();
        return TimeZones.Choices
            .Select(zone => (Zone: zone, Rank: ZoneRank(zone, wanted)))
            .Where(zone => zone.Rank is not null)
            .OrderBy(zone => zone.Rank)
            .ThenBy(zone => zone.Zone, StringComparer.Ordinal)
            .Select(zone => zone.Zone);
    }

    private static int? CountryRank(string code, string wanted) =>
        wanted.Length == 0 ? 2
        : string.Equals(code, wanted, StringComparison.OrdinalIgnoreCase) ? 0
        : StartsWith(CountryName(code), wanted) ? 1
        : Contains(CountryName(code), wanted) ? 2
        : null;

    private static int? ZoneRank(string zone, string wanted)
    {
        if (wanted.Length == 0)
        {
            return 0;
        }

        var city = zone[(zone.LastIndexOf('/') + 1)..].Replace('_', ' ');
        var cities = CityNames.TryGetValue(zone, out var names) ? names : [];
        if (StartsWith(city, wanted) || cities.Any(name => StartsWith(name, wanted)))
        {
            return 0;
        }

        var country = ZoneCountryName(zone);
        if (country is not null && StartsWith(country, wanted))
        {
            return 1;
        }

        return Contains(zone, wanted) || Contains(zone.Replace('_', ' '), wanted) || cities.Any(name => Contains(name, wanted))
            || (country is not null && Contains(country, wanted))
            ? 2
            : null;
    }

    // Neither case nor accents matter: "citta" finds "Città".
    private static bool StartsWith(string text, string wanted) =>
        CultureInfo.InvariantCulture.CompareInfo.IsPrefix(text, wanted, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);

    private static bool Contains(string text, string wanted) =>
        CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, wanted, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;
}
