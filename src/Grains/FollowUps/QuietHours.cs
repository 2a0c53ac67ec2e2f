using Consultant.Grains.Common;
using NodaTime;

namespace Consultant.Grains.FollowUps;

/// <summary>The contact's night (default 21:00–09:00 in their zone): a follow-up due then waits for its end.</summary>
public static class QuietHours
{
    /// <summary><paramref name="now"/> itself when it is outside quiet hours, else the instant they end.</summary>
    public static DateTimeOffset NextAllowed(DateTimeOffset now, string zoneId, LocalTime start, LocalTime end)
    {
        if (start == end)
        {
            return now;
        }

        var zone = TimeZones.Get(zoneId);
        var local = Instant.FromDateTimeOffset(now).InZone(zone).LocalDateTime;
        var time = local.TimeOfDay;
        var quiet = start < end ? time >= start && time < end : time >= start || time < end;
        if (!quiet)
        {
            return now;
        }

        var endDate = start > end && time >= start ? local.Date.PlusDays(1) : local.Date;
        return (endDate + end).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
    }

    /// <summary>The instant the quiet hours that hold <paramref name="quietAt"/> began (it must be inside them).</summary>
    public static DateTimeOffset Began(DateTimeOffset quietAt, string zoneId, LocalTime start, LocalTime end)
    {
        var zone = TimeZones.Get(zoneId);
        var local = Instant.FromDateTimeOffset(quietAt).InZone(zone).LocalDateTime;
        var startDate = start > end && local.TimeOfDay < end ? local.Date.PlusDays(-1) : local.Date;
        return (startDate + start).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
    }

    public static LocalTime Parse(string text) => LocalTime.FromHourMinuteSecondTick(int.Parse(text[..2]), int.Parse(text[3..5]), 0, 0);
}
