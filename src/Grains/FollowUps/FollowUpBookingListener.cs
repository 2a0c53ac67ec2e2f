using Consultant.Grains.Booking;

namespace Consultant.Grains.FollowUps;

/// <summary>A lead booked: their silence nudges are cancelled at once (the sweep's sync would only catch it later).</summary>
public sealed class FollowUpBookingListener(FollowUpSchedule schedule, TimeProvider time) : IBookingListener
{
    public Task BookedAsync(BookedConsultation booking, BookingContact contact) =>
        contact.IsLead && contact.Address is { } address
            ? schedule.CancelAsync(booking.ConsultantId, address, FollowUpRuleKeys.LeadNudges, FollowUpReasons.LeadBooked, time.GetUtcNow())
            : Task.CompletedTask;
}
