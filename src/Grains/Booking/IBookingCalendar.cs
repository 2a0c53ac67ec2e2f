using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>
/// An outside calendar the consultant connected (Google Calendar): its busy times are not offered, and each booking
/// change is copied to it. The booking service asks every registered calendar; one that is not connected for this
/// consultant answers with nothing. A calendar failing never undoes a booking: it retries on its own and says why.
/// </summary>
public interface IBookingCalendar
{
    /// <summary>Busy periods in <paramref name="range"/>; empty when not connected (or unreachable: then logged and shown).</summary>
    Task<IReadOnlyList<TimeRange>> BusyAsync(Guid consultantId, TimeRange range, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the booking's current state (booked, moved, cancelled) to the calendar, after it is committed here.
    /// Returns the video link the calendar made (a Meet link), or null (not connected, none made, or failed for now).
    /// </summary>
    Task<string?> SyncAsync(BookedConsultation booking, CancellationToken cancellationToken);
}
