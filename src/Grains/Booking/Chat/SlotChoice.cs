using NodaTime;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// About three slots to offer out of all the free ones: the first of each day (in the contact's zone) so the contact
/// gets a choice of days, then the earliest others when fewer days have room.
/// </summary>
public static class SlotChoice
{
    public const int Offered = 3;

    public static IReadOnlyList<FreeSlot> Pick(IReadOnlyList<FreeSlot> free, DateTimeZone contactZone)
    {
        var firstOfEachDay = free
            .GroupBy(slot => Instant.FromDateTimeOffset(slot.StartsAt).InZone(contactZone).Date)
            .Select(day => day.First())
            .Take(Offered)
            .ToList();
        return [.. firstOfEachDay.Concat(free.Except(firstOfEachDay)).Take(Offered).OrderBy(slot => slot.StartsAt)];
    }
}
