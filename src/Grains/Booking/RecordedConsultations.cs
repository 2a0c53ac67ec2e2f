using Consultant.Grains.Clients;
using Consultant.Grains.Common;

namespace Consultant.Grains.Booking;

/// <summary>
/// The client records' consultations (<c>POST /api/clients/{id}/consultations</c>, the client page) written as
/// bookings: a scheduled one is checked like any booking by the consultant (future, working hours) and refused by the
/// database when it overlaps another (409 naming <c>scheduledAt</c>); a completed or cancelled one is history, kept as given.
/// </summary>
public sealed class RecordedConsultations(
    BookingStore store, BookingContacts contacts, AvailabilityService availability, BookingFollowUp followUp, ClientRecordsRepository records,
    TimeProvider time)
    : IConsultationScheduler
{
    /// <summary>The reason a deleted consultation is cancelled with, in the calendars.</summary>
    private const string DeletedReason = "Deleted from the client's record.";

    public async Task<bool> DeleteAsync(Guid consultantId, Guid clientId, Guid consultationId)
    {
        if (await store.FindAsync(consultantId, consultationId) is not { } booking || booking.ClientId != clientId)
        {
            return false;
        }

        // Cancelled first, so Google deletes its event (or its retry does) and a calendar file asked for meanwhile says CANCEL.
        if (booking.Status == BookingStatus.Scheduled && await store.CancelAsync(consultantId, consultationId, DeletedReason, time.GetUtcNow()) is { } cancelled)
        {
            await followUp.ChangedAsync(cancelled);
        }

        return await records.DeleteConsultationAsync(consultantId, clientId, consultationId);
    }

    public Task LinkLeadBookingsAsync(Guid consultantId, string contactAddress, Guid clientId) =>
        store.LinkContactToClientAsync(consultantId, contactAddress, clientId);

    public async Task<Problem?> AddAsync(Guid consultantId, Guid clientId, Consultation consultation)
    {
        var scheduled = consultation.Status == BookingStatus.Scheduled;
        var settings = await availability.GetAsync(consultantId);
        var now = time.GetUtcNow();
        if (scheduled)
        {
            var errors = new ValidationErrors();
            BookingTimeRules.Check(errors, "scheduledAt", settings, consultation.ScheduledAt, consultation.DurationMinutes, now, byContact: false);
            if (!errors.IsEmpty)
            {
                return Problem.Invalid(errors);
            }
        }

        var contact = await contacts.OfClientAsync(consultantId, clientId);
        var row = new NewConsultation(
            consultation.Id, consultantId, clientId, contact?.Address, null, consultation.ScheduledAt, consultation.DurationMinutes,
            scheduled ? settings.BufferMinutes : 0, consultation.Status, consultation.Topic, consultation.Notes,
            scheduled ? settings.MeetingLink : null);
        if (!await store.InsertAsync(row, now))
        {
            return Problem.Conflict("Time taken", "scheduledAt", "That time overlaps another consultation: choose another time.");
        }

        if (scheduled && await store.FindAsync(consultantId, row.Id) is { } booking)
        {
            await followUp.ChangedAsync(booking);
        }

        return null;
    }
}
