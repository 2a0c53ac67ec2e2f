namespace Consultant.Grains.Booking;

/// <param name="Day">monday … sunday.</param>
/// <param name="Start">HH:mm, in the consultant's zone.</param>
/// <param name="End">HH:mm, after the start (24:00 is not a time: end the day at 23:59).</param>
public sealed record WorkingHoursInput(string? Day, string? Start, string? End);
