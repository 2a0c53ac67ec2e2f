namespace Consultant.Grains.Booking;

/// <summary>A consultations row as <see cref="BookingStore"/> reads it.</summary>
internal sealed record ConsultationRow(
    Guid Id,
    Guid ConsultantId,
    string? ContactAddress,
    Guid? ClientId,
    string? ContactName,
    DateTimeOffset ScheduledAt,
    int DurationMinutes,
    int BufferMinutes,
    string Status,
    int Sequence,
    string Topic,
    string? MeetingLink,
    DateTimeOffset? HoldExpiresAt)
{
    /// <summary>The columns in this record's order, for every SELECT and RETURNING (the client's name when the row has none).</summary>
    public const string Columns =
        """
        c.id, c.consultant_id AS ConsultantId, c.contact_address AS ContactAddress, c.client_id AS ClientId,
        coalesce(c.contact_name, k.name, c.contact_address, '') AS ContactName, c.scheduled_at AS ScheduledAt,
        c.duration_minutes AS DurationMinutes, c.buffer_minutes AS BufferMinutes, c.status, c.sequence, c.topic,
        c.meeting_link AS MeetingLink, c.hold_expires_at AS HoldExpiresAt
        """;

    public const string From = "consultations c LEFT JOIN clients k ON k.id = c.client_id AND k.consultant_id = c.consultant_id";

    public BookedConsultation ToBooking() => new(
        Id, ConsultantId, ContactAddress, ClientId, ContactName ?? "", ScheduledAt, DurationMinutes, Status, Sequence, Topic, MeetingLink);

    /// <summary>The time it keeps from others: its duration and its buffer.</summary>
    public Common.TimeRange Blocked => new(ScheduledAt, ScheduledAt.AddMinutes(DurationMinutes + BufferMinutes));
}
