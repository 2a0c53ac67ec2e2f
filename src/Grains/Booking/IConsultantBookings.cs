using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>A consultant's bookings as they stand, for the calendar file, the calendar feed and the confirmations.</summary>
public interface IConsultantBookings
{
    /// <summary>Null when there is no such consultation or it is another consultant's.</summary>
    Task<BookedConsultation?> FindAsync(Guid consultantId, Guid consultationId);

    /// <summary>Scheduled, completed and cancelled consultations starting in <paramref name="range"/> (not holds).</summary>
    Task<IReadOnlyList<BookedConsultation>> ListAsync(Guid consultantId, TimeRange range);
}
