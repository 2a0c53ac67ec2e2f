namespace Consultant.Grains.Booking;

/// <summary>Which change a confirmation tells the contact of.</summary>
public enum BookingMessageKind
{
    Booked,
    Rescheduled,
    Cancelled,
}
