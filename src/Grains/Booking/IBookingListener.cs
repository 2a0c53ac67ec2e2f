namespace Consultant.Grains.Booking;

/// <summary>
/// A capability that must know at once that a contact booked (follow-ups cancel a lead's nudges): told by
/// <see cref="BookingFollowUp"/> after the booking is committed. Implemented outside Booking, so Booking depends on none.
/// </summary>
public interface IBookingListener
{
    Task BookedAsync(BookedConsultation booking, BookingContact contact);
}
