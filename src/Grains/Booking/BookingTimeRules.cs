using System.Globalization;
using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>
/// Whether a consultation may start at a time: in the future, inside one range of working hours of its local day,
/// not on a day off; for a contact booking in the chat also with the minimum notice and within the horizon. Each
/// fault names <c>startsAt</c> (or the field given). The overlap with other bookings is the database's to refuse.
/// </summary>
public static class BookingTimeRules
{
    public static void Check(
        ValidationErrors errors, string field, BookingAvailability availability, DateTimeOffset startsAt, int durationMinutes,
        DateTimeOffset now, bool byContact)
    {
        if (startsAt <= now)
        {
            errors.Add(field, "That time has passed: choose a time in the future.");
            return;
        }

        var zone = TimeZones.Get(availability.TimeZone);
        var (date, start) = SlotFinder.Local(zone, startsAt);
        var (endDate, end) = SlotFinder.Local(zone, startsAt.AddMinutes(durationMinutes));
        if (availability.IsBlocked(date))
        {
            errors.Add(field, "That day is a day off: choose another day.");
        }
        else if (endDate != date || !availability.HoursOn(date.DayOfWeek).Any(hours => hours.Holds(start, end)))
        {
            errors.Add(field, "That time is outside the working hours: choose a time within them.");
        }
        else if (byContact && startsAt < now.AddMinutes(availability.MinimumNoticeMinutes))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture,
                $"That is too soon: a booking needs {availability.MinimumNoticeMinutes} minutes' notice."));
        }
        else if (byContact && date > SlotFinder.LocalToday(zone, now).AddDays(availability.HorizonDays))
        {
            errors.Add(field, string.Create(CultureInfo.InvariantCulture,
                $"That is too far ahead: bookings are open {availability.HorizonDays} days ahead."));
        }
    }
}
