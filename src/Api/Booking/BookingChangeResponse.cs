using Consultant.Grains.Booking;

namespace Consultant.Api.Booking;

/// <summary>The booking as it stands after the change, and <c>contactMessage</c>: whether the contact was told in the chat, and why not.</summary>
public sealed record BookingChangeResponse(
    Guid Id,
    Guid ConsultantId,
    string? ContactAddress,
    Guid? ClientId,
    string ContactName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int DurationMinutes,
    string Status,
    int Sequence,
    string Topic,
    string? MeetingLink,
    ContactNotice ContactMessage)
{
    public static BookingChangeResponse Of(BookingChange change)
    {
        var b = change.Booking;
        return new(b.Id, b.ConsultantId, b.ContactAddress, b.ClientId, b.ContactName, b.StartsAt, b.EndsAt, b.DurationMinutes, b.Status,
            b.Sequence, b.Topic, b.MeetingLink, change.ContactMessage);
    }
}
