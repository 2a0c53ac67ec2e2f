using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>Finds who a booking is for, from a conversation, a client or a conversation's address; only the consultant's own.</summary>
public sealed class BookingContacts(NpgsqlDataSource dataSource)
{
    private const string FromConversation =
        """
        SELECT c.contact_phone AS Address, c.client_id AS ClientId, coalesce(k.name, c.display_name, c.contact_phone) AS Name,
               c.is_lead AS IsLead
          FROM conversations c LEFT JOIN clients k ON k.id = c.client_id AND k.consultant_id = c.consultant_id
         WHERE c.consultant_id = @consultantId
        """;

    public async Task<BookingContact?> OfConversationAsync(Guid consultantId, Guid conversationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BookingContact>(FromConversation + " AND c.id = @conversationId",
            new { consultantId, conversationId });
    }

    /// <param name="address">The conversation's address, as the hooks give it.</param>
    public async Task<BookingContact?> OfAddressAsync(Guid consultantId, string address)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BookingContact>(FromConversation + " AND c.contact_phone = @address",
            new { consultantId, address });
    }

    /// <summary>
    /// The client, with the address of their latest conversation (none when they never wrote): one linked to them, or
    /// one from their phone or another of their addresses (<see cref="ClientAddressesSql"/>). A WhatsApp one before the simulator's.
    /// </summary>
    public async Task<BookingContact?> OfClientAsync(Guid consultantId, Guid clientId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<BookingContact>(
            $"""
            {ClientAddressesSql.With}
            SELECT (SELECT c.contact_phone FROM conversations c
                     WHERE c.consultant_id = @consultantId AND {ClientAddressesSql.IsTheirs("c")}
                     ORDER BY starts_with(c.contact_phone, @simulator), c.last_message_at DESC NULLS LAST LIMIT 1) AS Address,
                   k.id AS ClientId, k.name AS Name, false AS IsLead
              FROM clients k WHERE k.consultant_id = @consultantId AND k.id = @clientId
            """,
            new { consultantId, clientId, simulator = ClientAddressesSql.Simulator });
    }

    /// <summary>
    /// The client's WhatsApp address from their phone (E.164): where the assistant writes to a client who never wrote.
    /// Null for no such client of the consultant's.
    /// </summary>
    public async Task<string?> WhatsAppAddressOfClientAsync(Guid consultantId, Guid clientId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var phone = await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT phone FROM clients WHERE consultant_id = @consultantId AND id = @clientId", new { consultantId, clientId });
        return PhoneNumberNormalizer.ContactFromWhatsApp(phone);
    }
}
