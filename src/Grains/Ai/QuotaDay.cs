using Consultant.Grains.Common;
using NodaTime;

namespace Consultant.Grains.Ai;

/// <summary>
/// The day a pool key's daily quota is counted in: Gemini starts every project's requests-per-day again at midnight
/// Pacific time, so the pool counts by the same day (summer time included), whatever the silo's or consultant's zone.
/// </summary>
public static class QuotaDay
{
    public const string TimeZoneId = "America/Los_Angeles";

    public static DateTimeZone Zone { get; } = TimeZones.Get(TimeZoneId);

    /// <summary>The Pacific date of <paramref name="instant"/>.</summary>
    public static DateOnly Of(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone).Date.ToDateOnly();

    /// <summary>The Pacific day <paramref name="instant"/> falls in, as UTC instants (23 or 25 hours on a summer-time change).</summary>
    public static TimeRange Containing(DateTimeOffset instant)
    {
        var date = Instant.FromDateTimeOffset(instant).InZone(Zone).Date;
        return new TimeRange(StartOf(date), StartOf(date.PlusDays(1)));
    }

    private static DateTimeOffset StartOf(LocalDate date) => Zone.AtStartOfDay(date).ToDateTimeOffset().ToUniversalTime();
}
