namespace Consultant.Grains.Booking;

/// <summary>A consultation row about to be written: a booking, a hold (with <see cref="HoldExpiresAt"/>) or a record of the past.</summary>
public sealed record NewConsultation(
    Guid Id,
    Guid ConsultantId,
    Guid? ClientId,
    string? ContactAddress,
    string? ContactName,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    int BufferMinutes,
    string Status,
    string Topic,
    string? Notes = null,
    string? MeetingLink = null,
    DateTimeOffset? HoldExpiresAt = null);
