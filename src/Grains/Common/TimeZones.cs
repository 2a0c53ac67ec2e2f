using NodaTime;
using NodaTime.TimeZones;

namespace Consultant.Grains.Common;

/// <summary>IANA time zones, from the tz database NodaTime carries (the same on every machine, whatever the OS has).</summary>
public static class TimeZones
{
    /// <summary>The zones a person picks from: every place the tz database lists, and UTC; sorted.</summary>
    public static IReadOnlyList<string> Choices { get; } = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .Select(location => location.ZoneId)
        .Append("UTC")
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The zone's id as the tz database spells it (any case accepted, aliases too), or null when unknown.</summary>
    public static string? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var trimmed = id.Trim();
        return DateTimeZoneProviders.Tzdb.Ids.FirstOrDefault(known => string.Equals(known, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    public static DateTimeZone Get(string id) => DateTimeZoneProviders.Tzdb[id];
}
