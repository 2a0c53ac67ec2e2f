namespace Consultant.Api.Booking;

/// <param name="Active">Whether a feed address exists.</param>
/// <param name="CreatedAt">When the current address was made.</param>
/// <param name="Url">The address, only in the answer that made it: afterwards only its hash is kept.</param>
public sealed record CalendarFeedResponse(bool Active, DateTimeOffset? CreatedAt, string? Url);
