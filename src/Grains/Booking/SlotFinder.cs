using Consultant.Grains.Common;
using NodaTime;

namespace Consultant.Grains.Booking;

/// <summary>
/// Free slots, worked out in the consultant's zone: each working range of a local date is cut into consultations of
/// the set length, one after another with the buffer between them; a slot goes when it starts too soon (minimum
/// notice), lies beyond the horizon, falls on a day off, or its time plus its buffer meets anything busy. Local times
/// become instants through the zone's rules for that date, so 09:00 is 09:00 on both sides of a summer-time change.
/// </summary>
public static class SlotFinder
{
    public static IReadOnlyList<FreeSlot> Find(
        BookingAvailability availability, DateTimeOffset now, DateOnly from, DateOnly to, IReadOnlyList<TimeRange> busy)
    {
        var zone = TimeZones.Get(availability.TimeZone);
        var earliest = now.AddMinutes(availability.MinimumNoticeMinutes);
        var lastDay = LocalToday(zone, now).AddDays(availability.HorizonDays);
        var step = availability.ConsultationMinutes + availability.BufferMinutes;
        var slots = new List<FreeSlot>();
        for (var date = from; date <= to && date <= lastDay; date = date.AddDays(1))
        {
            if (availability.IsBlocked(date))
            {
                continue;
            }

            foreach (var hours in availability.HoursOn(date.DayOfWeek))
            {
                var end = MinuteOfDay(hours.End);
                for (var minute = MinuteOfDay(hours.Start); minute + availability.ConsultationMinutes <= end; minute += step)
                {
                    var startsAt = Instant(zone, date, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minute)));
                    var endsAt = startsAt.AddMinutes(availability.ConsultationMinutes);
                    var kept = new TimeRange(startsAt, endsAt.AddMinutes(availability.BufferMinutes));
                    if (startsAt >= earliest && !busy.Any(b => b.Start < kept.End && kept.Start < b.End))
                    {
                        slots.Add(new FreeSlot(startsAt, endsAt));
                    }
                }
            }
        }

        return slots;
    }

    /// <summary>The consultant's date today.</summary>
    public static DateOnly LocalToday(DateTimeZone zone, DateTimeOffset now) =>
        NodaTime.Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateOnly();

    /// <summary>The instant of a local date and time (a time skipped by a summer-time change is read as just after it).</summary>
    public static DateTimeOffset Instant(DateTimeZone zone, DateOnly date, TimeOnly time) =>
        LocalDate.FromDateOnly(date).At(LocalTime.FromTimeOnly(time)).InZoneLeniently(zone).ToDateTimeOffset();

    /// <summary>The local date and time of an instant in the zone.</summary>
    public static (DateOnly Date, TimeOnly Time) Local(DateTimeZone zone, DateTimeOffset instant)
    {
        var local = NodaTime.Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;
        return (local.Date.ToDateOnly(), local.TimeOfDay.ToTimeOnly());
    }

    private static int MinuteOfDay(TimeOnly time) => (time.Hour * 60) + time.Minute;
}
