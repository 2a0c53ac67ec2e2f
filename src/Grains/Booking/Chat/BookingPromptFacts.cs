using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// What a reply's booking rules show the model (<see cref="BookingChatTools.PromptAsync"/>): the slots last offered to
/// the contact that are still ahead (<see cref="OfferedSlots.StillAheadSql"/>) and the conversation's upcoming
/// consultations (<see cref="BookingStore.OfConversationSql"/>). Every AI reply asks and most have neither, so both are
/// read in one round trip.
/// </summary>
public sealed class BookingPromptFacts(NpgsqlDataSource dataSource)
{
    public async Task<(IReadOnlyList<OfferedSlot> Offered, IReadOnlyList<BookedConsultation> Upcoming)> ReadAsync(
        Guid consultantId, string address, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        using var results = await connection.QueryMultipleAsync(
            OfferedSlots.StillAheadSql + ";\n" + BookingStore.OfConversationSql,
            new { consultantId, address, now = now.ToUniversalTime(), from = now.ToUniversalTime() });
        var offered = (await results.ReadAsync<OfferedSlot>()).ToList();
        var upcoming = (await results.ReadAsync<ConsultationRow>()).Select(row => row.ToBooking()).ToList();
        return (offered, upcoming);
    }
}
