using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Clients;

/// <summary>
/// The one rule, in SQL, for which conversations are a client's: linked to them, or written from one of their addresses
/// (their phone, a WhatsApp user id linked to them, an address remembered with either), in the simulator too. A
/// conversation that started before the contact was added as a client is not linked until they write again, yet it is
/// theirs. Parameters: <c>@consultantId</c>, <c>@clientId</c> and <c>@simulator</c> (<see cref="Simulator"/>).
/// </summary>
public static class ClientAddressesSql
{
    /// <summary>The value of <c>@simulator</c>.</summary>
    public const string Simulator = ConversationKey.SimulatorPrefix;

    /// <summary>The common table expressions to start a query with (<c>WITH</c> included): <c>addresses</c>, the client's.</summary>
    public const string With =
        """
        WITH own AS (
            SELECT phone AS address FROM clients WHERE consultant_id = @consultantId AND id = @clientId
            UNION SELECT address FROM client_addresses WHERE consultant_id = @consultantId AND client_id = @clientId),
        addresses AS (
            SELECT address FROM own
            UNION SELECT conversation_address FROM contact_aliases
                   WHERE consultant_id = @consultantId AND address IN (SELECT address FROM own))
        """;

    /// <summary>The condition that the conversation <paramref name="alias"/> (of the same consultant) is the client's.</summary>
    public static string IsTheirs(string alias) =>
        $"""
        ({alias}.client_id = @clientId
         OR {alias}.contact_phone IN (SELECT address FROM addresses)
         OR {alias}.contact_phone IN (SELECT @simulator || address FROM addresses))
        """;
}
