namespace Consultant.Grains.Booking;

/// <summary>
/// Who a consultation is with: the conversation's address (null for a client who never wrote), the client (null for
/// a lead), the name to show, and whether they are a lead (their booking moves them to "booked" in the funnel).
/// </summary>
public sealed record BookingContact(string? Address, Guid? ClientId, string Name, bool IsLead);
