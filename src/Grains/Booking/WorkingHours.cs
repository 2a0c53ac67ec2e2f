namespace Consultant.Grains.Booking;

/// <summary>One range of working time on a weekday, in the consultant's zone: from <see cref="Start"/> to <see cref="End"/> (excluded).</summary>
public sealed record WorkingHours(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>Whether the local times from <paramref name="start"/> to <paramref name="end"/> on this day lie inside the range.</summary>
    public bool Holds(TimeOnly start, TimeOnly end) => start >= Start && end <= End && start < end;
}
