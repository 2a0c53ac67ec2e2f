using Consultant.Grains.Common;

namespace Consultant.Grains.Clients;

/// <summary>
/// Writes a consultation the consultant records for a client. The booking capability implements it with the rules
/// every booking follows (a scheduled one in the future, inside the working hours, never overlapping another).
/// </summary>
public interface IConsultationScheduler
{
    /// <returns>Null when written; otherwise why not (Invalid or Conflict naming <c>scheduledAt</c>).</returns>
    Task<Problem?> AddAsync(Guid consultantId, Guid clientId, Consultation consultation);

    /// <summary>
    /// Deletes one of the client's consultations (not a hold); a scheduled one is cancelled first, so every calendar
    /// drops it (Google's event deleted, the calendar file's sequence raised). False when there is none such.
    /// </summary>
    Task<bool> DeleteAsync(Guid consultantId, Guid clientId, Guid consultationId);

    /// <summary>The consultations a lead booked from <paramref name="contactAddress"/> become this client's (they are that lead).</summary>
    Task LinkLeadBookingsAsync(Guid consultantId, string contactAddress, Guid clientId);
}
