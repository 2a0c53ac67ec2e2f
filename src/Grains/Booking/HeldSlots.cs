namespace Consultant.Grains.Booking;

/// <summary>The slots kept for a contact until <see cref="ExpiresAt"/> (a slot taken meanwhile is not among them).</summary>
public sealed record HeldSlots(IReadOnlyList<BookedConsultation> Holds, DateTimeOffset ExpiresAt);
