namespace Consultant.Grains.Abstractions;

/// <summary>
/// "{consultantId:N}/{address}": the address is the contact's E.164 phone (unchanged for every conversation from
/// before BSUIDs), a BSUID such as US.13491208655302741918, or either with the simulator's prefix. Parameters
/// named phone hold any of these.
/// </summary>
public static class ConversationKey
{
    public static string Format(Guid consultantId, string phone) => $"{consultantId:N}/{phone}";

    /// <summary>
    /// The id the dashboard and the API use: the first 16 bytes of sha256 of the grain key, so it needs no storage
    /// (migration 0008 computes the same in SQL).
    /// </summary>
    public static Guid IdFor(Guid consultantId, string phone) =>
        new(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Format(consultantId, phone))), 0, 16));

    /// <summary>
    /// A conversation written from the dashboard's simulator is its own conversation, "sim:" + the phone written
    /// as: it is recognised as that client or lead, but never mixes with (or answers into) the real WhatsApp chat.
    /// </summary>
    public const string SimulatorPrefix = "sim:";

    public static string Simulated(string phone) => SimulatorPrefix + phone;

    public static bool IsSimulated(string conversationPhone) => conversationPhone.StartsWith(SimulatorPrefix, StringComparison.Ordinal);

    /// <summary>The phone number itself, for recognising the client: without the simulator's prefix.</summary>
    public static string ContactPhone(string conversationPhone) =>
        IsSimulated(conversationPhone) ? conversationPhone[SimulatorPrefix.Length..] : conversationPhone;

    public static (Guid ConsultantId, string Phone) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (Guid.ParseExact(key[..slash], "N"), key[(slash + 1)..]);
    }
}
