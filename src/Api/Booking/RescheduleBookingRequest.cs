namespace Consultant.Api.Booking;

/// <param name="StartsAt">The new start (ISO 8601 with its offset); the duration stays.</param>
public sealed record RescheduleBookingRequest(DateTimeOffset? StartsAt);
