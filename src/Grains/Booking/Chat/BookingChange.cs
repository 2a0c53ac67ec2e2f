namespace Consultant.Grains.Booking.Chat;

/// <summary>A booking a tool made, moved or cancelled in the chat: what the system's confirmation is written from.</summary>
public sealed record BookingChange(BookingMessageKind Kind, BookedConsultation Booking);
