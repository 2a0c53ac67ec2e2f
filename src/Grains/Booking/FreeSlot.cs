namespace Consultant.Grains.Booking;

/// <summary>A time a consultation can be booked: from <see cref="StartsAt"/> to <see cref="EndsAt"/>, instants with the consultant's offset.</summary>
public sealed record FreeSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt);
