using System.Globalization;
using Consultant.Grains.Common;
using NodaTime;

namespace Consultant.Grains.Broadcasts;

/// <summary>
/// The note a scheduled broadcast keeps when it started late (its time passed while the service was not running): the
/// time it was due in the consultant's time zone, named, as the API gives it. The dashboard writes that time from the
/// broadcast's <see cref="Broadcast.ScheduledAt"/> the way it writes its other times.
/// </summary>
public static class LateStart
{
    private const string Opening = "Started late:";

    /// <summary>"Started late: it was due at 2026-11-26 10:00 (Europe/Rome), while the service was not running."</summary>
    public static string Reason(DateTimeOffset due, string timeZone)
    {
        var local = Instant.FromDateTimeOffset(due).InZone(TimeZones.Get(timeZone)).ToDateTimeOffset();
        return string.Create(CultureInfo.InvariantCulture, $"{Opening} it was due at {local:yyyy-MM-dd HH:mm} ({timeZone}), while the service was not running.");
    }

    public static bool Is(string? reason) => reason?.StartsWith(Opening, StringComparison.Ordinal) == true;
}
