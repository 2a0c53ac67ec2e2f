using Dapper;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Storage;
using Npgsql;

namespace Consultant.Grains.Inbound;

/// <summary>
/// Which conversation a contact's address belongs to. A conversation is keyed by the first address its contact
/// wrote from (a phone number, or a BSUID for a contact with a WhatsApp username); when a webhook carries a second
/// address for the same contact (a BSUID and a phone), the pair is remembered, so messages from either address go
/// to that one conversation. A message naming one address goes to that address's conversation grain, which forwards
/// it when the address is another's alias (read at its activation, <see cref="AliasTargetAsync"/>; told when the
/// alias is written): the common message reads nothing here. Every statement filters by consultant_id.
/// </summary>
public sealed class ContactDirectory(NpgsqlDataSource dataSource, SharedRoundTrips shared, IGrainFactory grains, TimeProvider time)
{
    /// <summary>
    /// The address whose conversation grain receives a message from <paramref name="from"/>: itself when the message
    /// names no other address; else the conversation the addresses belong to, remembering
    /// <paramref name="otherAddresses"/> (the same contact's other addresses in this message) as belonging to it too.
    /// </summary>
    public async Task<string> ReceivingAddressAsync(Guid consultantId, string from, IReadOnlyList<string> otherAddresses)
    {
        if (otherAddresses.Count == 0)
        {
            return from;
        }

        string[] addresses = [from, .. otherAddresses];
        var (conversationAddress, newAliases) = await RememberTogetherAsync(consultantId, addresses);
        foreach (var alias in newAliases.Where(address => address != conversationAddress))
        {
            // Its grain, if active, forwards from now on (an inactive one reads the alias when it activates).
            await grains.GetGrain<IConversationGrain>(ConversationKey.Format(consultantId, alias)).ForwardToAsync(conversationAddress);
        }

        return conversationAddress;
    }

    /// <summary>The conversation <paramref name="address"/> is an alias of, when that is another address's.</summary>
    public async Task<string?> AliasTargetAsync(Guid consultantId, string address)
    {
        var target = await shared.QuerySingleOrDefaultAsync<string>(
            "SELECT conversation_address FROM contact_aliases WHERE consultant_id = @consultantId AND address = @address",
            new { consultantId, address });
        return target == address ? null : target;
    }

    /// <summary>The conversation of <paramref name="addresses"/> (one contact's), and the aliases this call wrote.</summary>
    private async Task<(string ConversationAddress, IReadOnlyList<string> NewAliases)> RememberTogetherAsync(Guid consultantId, string[] addresses)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var known = (await connection.QueryAsync<(string Address, string ConversationAddress)>(
                "SELECT address, conversation_address FROM contact_aliases WHERE consultant_id = @consultantId AND address = ANY(@addresses)",
                new { consultantId, addresses }))
            .ToDictionary(row => row.Address, row => row.ConversationAddress, StringComparer.Ordinal);
        if (addresses.All(known.ContainsKey))
        {
            return (known[addresses[0]], []); // remembered together before: the contact's every later message
        }

        var conversationAddress = addresses.Select(known.GetValueOrDefault).FirstOrDefault(target => target is not null)
            ?? await FirstWithConversationAsync(connection, consultantId, addresses)
            ?? addresses[0];

        // Whoever wins a race, every address ends up pointing at one conversation: the first alias written.
        var written = (await connection.QueryAsync<string>(
            """
            INSERT INTO contact_aliases (consultant_id, address, conversation_address, created_at)
            SELECT @consultantId, address, @conversationAddress, @now FROM unnest(@addresses) AS address
            ON CONFLICT (consultant_id, address) DO NOTHING
            RETURNING address
            """,
            new { consultantId, addresses, conversationAddress, now = time.GetUtcNow() })).ToList();
        var winner = await connection.QuerySingleAsync<string>(
            "SELECT conversation_address FROM contact_aliases WHERE consultant_id = @consultantId AND address = @from",
            new { consultantId, from = addresses[0] });
        return (winner, written);
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
