namespace Consultant.Grains.Booking;

/// <summary>
/// A consultation's status. <see cref="Held"/> is a slot offered to a contact and kept from others for a few minutes;
/// the others are the consultations table's existing statuses.
/// </summary>
public static class BookingStatus
{
    public const string Held = "held";
    public const string Scheduled = "scheduled";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}
