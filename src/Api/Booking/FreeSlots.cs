using Consultant.Grains.Booking;

namespace Consultant.Api.Booking;

/// <summary>The answer of <c>GET /api/booking/slots</c>: the zone the slots were worked out in, and the slots.</summary>
public sealed record FreeSlots(string TimeZone, IReadOnlyList<FreeSlot> Slots);
