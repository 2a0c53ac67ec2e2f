using Consultant.Grains.Common;

namespace Consultant.Grains.Accounts;

/// <summary>
/// "Now", "today" and "this week" (ISO week, from Monday) in the consultant's time zone, each period as UTC instants
/// for queries. Everything that counts by day or week reads it from <see cref="AccountSettingsService.GetCalendarAsync"/>.
/// </summary>
/// <param name="Now">This instant with the zone's offset.</param>
/// <param name="LocalToday">The consultant's date today.</param>
public sealed record ConsultantCalendar(string TimeZone, DateTimeOffset Now, DateOnly LocalToday, TimeRange Today, TimeRange ThisWeek)
{
    public TimeRange? RangeOf(CalendarPeriod period) => period switch
    {
        CalendarPeriod.Today => Today,
        CalendarPeriod.ThisWeek => ThisWeek,
        _ => null,
    };
}
