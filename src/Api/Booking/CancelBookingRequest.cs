namespace Consultant.Api.Booking;

/// <param name="Reason">Why, in a few words (optional, at most 500 characters).</param>
public sealed record CancelBookingRequest(string? Reason);
