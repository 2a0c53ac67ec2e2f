namespace Consultant.Grains.Booking;

/// <summary>
/// When a consultant can be booked: weekly working hours in their zone (the account's), how long a consultation is,
/// the free time kept after each, how much notice a contact must give, how far ahead a contact can book, and days off.
/// </summary>
/// <param name="TimeZone">The account's IANA zone; the hours and dates are read in it.</param>
/// <param name="MeetingLink">The consultant's fixed video link, given when no calendar made one; null for none.</param>
public sealed record BookingAvailability(
    string TimeZone,
    IReadOnlyList<WorkingHours> WeeklyHours,
    int ConsultationMinutes,
    int BufferMinutes,
    int MinimumNoticeMinutes,
    int HorizonDays,
    IReadOnlyList<BlockedPeriod> BlockedPeriods,
    string? MeetingLink)
{
    public const int DefaultConsultationMinutes = 60;
    public const int DefaultBufferMinutes = 0;
    public const int DefaultMinimumNoticeMinutes = 120;
    public const int DefaultHorizonDays = 21;

    /// <summary>Monday to Friday, 09:00 to 18:00.</summary>
    public static IReadOnlyList<WorkingHours> DefaultWeeklyHours { get; } =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new WorkingHours(day, new TimeOnly(9, 0), new TimeOnly(18, 0))),
    ];

    public static BookingAvailability Default(string timeZone) => new(
        timeZone, DefaultWeeklyHours, DefaultConsultationMinutes, DefaultBufferMinutes, DefaultMinimumNoticeMinutes,
        DefaultHorizonDays, [], null);

    /// <summary>The ranges of one weekday, earliest first.</summary>
    public IEnumerable<WorkingHours> HoursOn(DayOfWeek day) => WeeklyHours.Where(hours => hours.Day == day).OrderBy(hours => hours.Start);

    public bool IsBlocked(DateOnly date) => BlockedPeriods.Any(period => period.Contains(date));
}
