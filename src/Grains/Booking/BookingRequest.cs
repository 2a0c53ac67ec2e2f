namespace Consultant.Grains.Booking;

/// <summary>
/// A booking the consultant makes (API, Calendar page): for a conversation (a lead or a client) or for a client,
/// one of the two; the duration is the availability's consultation length when not given.
/// </summary>
public sealed record BookingRequest(Guid? ConversationId, Guid? ClientId, DateTimeOffset? StartsAt, int? DurationMinutes, string? Topic = null);
