using Consultant.Grains.Storage;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// What a reply's booking rules show the model (<see cref="BookingChatTools.PromptAsync"/>): the slots last offered to
/// the contact that are still ahead (<see cref="OfferedSlots.StillAheadSql"/>) and the conversation's upcoming
/// consultations (<see cref="BookingStore.OfConversationSql"/>). Every AI reply asks and most have neither, so both are
/// read in one round trip.
/// </summary>
public sealed class BookingPromptFacts(SharedRoundTrips shared)
{
    public async Task<(IReadOnlyList<OfferedSlot> Offered, IReadOnlyList<BookedConsultation> Upcoming)> ReadAsync(
        Guid consultantId, string address, DateTimeOffset now)
    {
        var results = await shared.RunAsync(
            new { consultantId, address, now = now.ToUniversalTime(), from = now.ToUniversalTime() },
            SharedStatement.Query<OfferedSlot>(OfferedSlots.StillAheadSql), SharedStatement.Query<ConsultationRow>(BookingStore.OfConversationSql));
        return (results.Rows<OfferedSlot>(0), results.Rows<ConsultationRow>(1).Select(row => row.ToBooking()).ToList());
    }
}
