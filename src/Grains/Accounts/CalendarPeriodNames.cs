namespace Consultant.Grains.Accounts;

/// <summary><see cref="CalendarPeriod"/> as written in URLs and the API: "today", "week", or nothing for all time.</summary>
public static class CalendarPeriodNames
{
    public const string Today = "today";
    public const string Week = "week";

    public static bool TryParse(string? text, out CalendarPeriod period)
    {
        period = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "all" => CalendarPeriod.Any,
            Today => CalendarPeriod.Today,
            Week => CalendarPeriod.ThisWeek,
            _ => (CalendarPeriod)(-1),
        };
        return Enum.IsDefined(period);
    }

    public static string? Name(CalendarPeriod period) => period switch
    {
        CalendarPeriod.Today => Today,
        CalendarPeriod.ThisWeek => Week,
        _ => null,
    };
}
