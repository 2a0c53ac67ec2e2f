namespace Consultant.Grains.Booking;

/// <summary>
/// A consultation booked (or held, or cancelled) in the consultant's calendar: what the calendar file, the calendar
/// feed, the confirmations and the calendar sync all work from. Times are instants; show them in a zone.
/// </summary>
/// <param name="ContactAddress">The conversation's contact (a phone, a WhatsApp user id, or a simulator address); null
/// for a consultation booked for a client who never wrote (the API gives their WhatsApp address from their phone:
/// <see cref="BookingService.WithContactAddressesAsync"/>).</param>
/// <param name="ClientId">Null for a lead's booking (linked when the lead becomes a client).</param>
/// <param name="Status">One of <see cref="BookingStatus"/>.</param>
/// <param name="Sequence">The calendar file's SEQUENCE: 0 when booked, one more on every change (reschedule, cancel).</param>
/// <param name="MeetingLink">The video link given to the contact: Google Meet, else the consultant's fixed link, else none.</param>
public sealed record BookedConsultation(
    Guid Id,
    Guid ConsultantId,
    string? ContactAddress,
    Guid? ClientId,
    string ContactName,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Status,
    int Sequence,
    string Topic,
    string? MeetingLink)
{
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}
