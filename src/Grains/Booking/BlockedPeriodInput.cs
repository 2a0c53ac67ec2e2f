namespace Consultant.Grains.Booking;

/// <param name="From">yyyy-mm-dd, the first day off.</param>
/// <param name="To">yyyy-mm-dd, the last day off (the same as From for one day).</param>
public sealed record BlockedPeriodInput(string? From, string? To, string? Note);
