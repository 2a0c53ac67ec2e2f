namespace Consultant.Grains.Booking;

/// <summary>A booking the consultant made, moved or cancelled, and whether its contact was told in the chat.</summary>
public sealed record BookingChange(BookedConsultation Booking, ContactNotice ContactMessage);
