using Dapper;
using Consultant.Grains.Storage;
using Npgsql;

namespace Consultant.Grains.Inbound;

/// <summary>
/// Which conversation a contact's address belongs to. A conversation is keyed by the first address its contact
/// wrote from (a phone number, or a BSUID for a contact with a WhatsApp username); when a webhook carries a second
/// address for the same contact (a BSUID and a phone), the pair is remembered, so messages from either address go
/// to that one conversation. Every statement filters by consultant_id.
/// </summary>
public sealed class ContactDirectory(NpgsqlDataSource dataSource, SharedRoundTrips shared, TimeProvider time)
{
    /// <summary>
    /// The address of the conversation <paramref name="from"/> belongs to, remembering <paramref name="otherAddresses"/>
    /// (the same contact's other addresses in this message) as belonging to it too.
    /// </summary>
    public async Task<string> ConversationAddressAsync(Guid consultantId, string from, IReadOnlyList<string> otherAddresses)
    {
        if (otherAddresses.Count == 0)
        {
            return await shared.QuerySingleOrDefaultAsync<string>(
                "SELECT conversation_address FROM contact_aliases WHERE consultant_id = @consultantId AND address = @from",
                new { consultantId, from }) ?? from;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        string[] addresses = [from, .. otherAddresses];
        var known = (await connection.QueryAsync<(string Address, string ConversationAddress)>(
                "SELECT address, conversation_address FROM contact_aliases WHERE consultant_id = @consultantId AND address = ANY(@addresses)",
                new { consultantId, addresses }))
            .ToDictionary(row => row.Address, row => row.ConversationAddress, StringComparer.Ordinal);
        var conversationAddress = addresses.Select(known.GetValueOrDefault).FirstOrDefault(target => target is not null)
            ?? await FirstWithConversationAsync(connection, consultantId, addresses)
            ?? from;

        // Whoever wins a race, every address ends up pointing at one conversation: the first alias written.
        await connection.ExecuteAsync(
            """
            INSERT INTO contact_aliases (consultant_id, address, conversation_address, created_at)
            SELECT @consultantId, address, @conversationAddress, @now FROM unnest(@addresses) AS address
            ON CONFLICT (consultant_id, address) DO NOTHING
            """,
            new { consultantId, addresses, conversationAddress, now = time.GetUtcNow() });
        return await connection.QuerySingleAsync<string>(
            "SELECT conversation_address FROM contact_aliases WHERE consultant_id = @consultantId AND address = @from",
            new { consultantId, from });
    }

    /// <summary>Every address of the conversation's contact: its own and those remembered with it.</summary>
    public async Task<IReadOnlyList<string>> AddressesAsync(Guid consultantId, string conversationAddress)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var aliases = await connection.QueryAsync<string>(
            "SELECT address FROM contact_aliases WHERE consultant_id = @consultantId AND conversation_address = @conversationAddress",
            new { consultantId, conversationAddress });
        return aliases.Prepend(conversationAddress).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>An address that already has a conversation (the earliest written from keeps it), in the order given.</summary>
    private static async Task<string?> FirstWithConversationAsync(NpgsqlConnection connection, Guid consultantId, string[] addresses)
    {
        var existing = (await connection.QueryAsync<string>(
            "SELECT contact_phone FROM conversations WHERE consultant_id = @consultantId AND contact_phone = ANY(@addresses)",
            new { consultantId, addresses })).ToHashSet(StringComparer.Ordinal);
        return addresses.FirstOrDefault(existing.Contains);
    }
}
