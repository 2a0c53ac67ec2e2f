using Consultant.Grains.Booking;
using Consultant.Grains.Common;

namespace Consultant.TestSupport;

/// <summary>
/// A test double of the booking core's <see cref="IConsultantBookings"/>: consultations put here are what the calendar
/// files and feeds read. Scoped by consultant like the real one; a test puts it in for the booking core's.
/// </summary>
public sealed class InMemoryBookings : IConsultantBookings
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, BookedConsultation> bookings = new();

    /// <summary>Adds the consultation, or replaces it (a reschedule, a cancellation).</summary>
    public BookedConsultation Put(BookedConsultation booking) => bookings[booking.Id] = booking;

    public Task<BookedConsultation?> FindAsync(Guid consultantId, Guid consultationId) =>
        Task.FromResult(bookings.TryGetValue(consultationId, out var found) && found.ConsultantId == consultantId ? found : null);

    public Task<IReadOnlyList<BookedConsultation>> ListAsync(Guid consultantId, TimeRange range) =>
        Task.FromResult<IReadOnlyList<BookedConsultation>>(bookings.Values
            .Where(b => b.ConsultantId == consultantId && b.Status != BookingStatus.Held && range.Contains(b.StartsAt))
            .OrderBy(b => b.StartsAt).ToList());
}
