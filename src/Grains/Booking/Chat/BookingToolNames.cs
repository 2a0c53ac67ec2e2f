namespace Consultant.Grains.Booking.Chat;

/// <summary>The booking tools' names, as the model calls them.</summary>
public static class BookingToolNames
{
    public const string FindFreeSlots = "find_free_slots";

    public const string BookSlot = "book_slot";

    public const string ListMyBookings = "list_my_bookings";

    public const string CancelBooking = "cancel_booking";

    public const string RescheduleBooking = "reschedule_booking";
}
