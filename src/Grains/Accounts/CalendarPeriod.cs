namespace Consultant.Grains.Accounts;

/// <summary>A period in the consultant's own time zone (see <see cref="ConsultantCalendar"/>); <see cref="Any"/> is no limit.</summary>
public enum CalendarPeriod
{
    Any,
    Today,
    ThisWeek,
}
