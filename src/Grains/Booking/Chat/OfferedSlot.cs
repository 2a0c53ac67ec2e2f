namespace Consultant.Grains.Booking.Chat;

/// <summary>A slot the booking tool offered a contact: the opaque id the model books with, and the start it stands for.</summary>
public sealed record OfferedSlot(Guid Id, DateTimeOffset StartsAt);
