namespace Consultant.Web.Calendar;

/// <summary>The seven local days from a Monday, as the Calendar page shows them.</summary>
public sealed record CalendarWeek(DateOnly Monday)
{
    public DateOnly Sunday => Monday.AddDays(6);

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, 7).Select(Monday.AddDays);

    /// <summary>The week that holds <paramref name="day"/>.</summary>
    public static CalendarWeek Of(DateOnly day) => new(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)));

    public CalendarWeek Previous => new(Monday.AddDays(-7));

    public CalendarWeek Next => new(Monday.AddDays(7));
}
