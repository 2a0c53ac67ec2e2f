using System.Collections.Concurrent;

namespace Consultant.Grains.Booking;

/// <summary>
/// The contacts this silo recorded a booking confirmation for (<see cref="BookingStore"/>, once the change is
/// committed) since their conversation last looked. A booking tool changes a booking while the conversation's own
/// activation answers a batch, on this silo, so the conversation needs to read <c>booking_chat_notices</c> again only
/// when its contact is here; the table stays the truth that each activation reads once (a crash, another silo).
/// </summary>
public sealed class NewBookingNotices
{
    private readonly ConcurrentDictionary<(Guid ConsultantId, string ContactAddress), byte> recorded = new();

    public void Recorded(Guid consultantId, string contactAddress) => recorded[(consultantId, contactAddress)] = 0;

    /// <summary>Whether one was recorded for the contact since the last call; the next call says no until another is.</summary>
    public bool Take(Guid consultantId, string contactAddress) => recorded.TryRemove((consultantId, contactAddress), out _);
}
