namespace Consultant.Grains.Abstractions;

/// <summary>
/// One WhatsApp conversation: a consultant and one contact. Keyed "{consultantId:N}/{contact address}" (see
/// <see cref="ConversationKey"/>), the address being the E.164 phone or, for a contact known only by a WhatsApp
/// username, the BSUID it first wrote from. Buffers a burst of inbound messages and answers it once.
/// </summary>
[Alias("Consultant.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Stores the message durably (deduplicated by MessageSid) before returning.</summary>
    [Alias("Receive")]
    Task<ReceiveOutcome> ReceiveAsync(InboundWhatsAppMessage message);

    /// <summary>Activates the conversation so an unanswered batch is picked up again (after a restart).</summary>
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>
    /// The consultant answers by hand, through the channel the contact last wrote on. Messages waiting for the AI
    /// count as answered, and an AI reply being prepared is cancelled.
    /// </summary>
    /// <param name="template">An approved template to send instead of free text (the only way after 24 hours); <paramref name="text"/> is then its rendered text, for the record.</param>
    [Alias("SendByConsultant")]
    /// <param name="attachment">A file to send with the text (already in the media store).</param>
    Task<ConsultantSendResult> SendByConsultantAsync(
        string text, string consultantName, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken);

    /// <summary>Turns the AI on or off for this conversation, remembering who did it and when.</summary>
    [Alias("SetAiEnabled")]
    Task<ConversationView> SetAiEnabledAsync(bool enabled, string by);

    [Alias("MarkRead")]
    Task<ConversationView> MarkReadAsync();

    /// <summary>Decides again whether the contact is a client or a lead (after the consultant linked it to a client).</summary>
    [Alias("RecogniseContact")]
    Task<ConversationView> RecogniseContactAsync();

    /// <summary>
    /// The consultant (or an administrator) changed what the AI answers with: the last batch the AI could not answer
    /// for want of a usable key is answered now, so its "needs reply" goes once the cause is fixed.
    /// </summary>
    [Alias("RetryAfterAiKeyFix")]
    Task RetryAfterAiKeyFixAsync();
}

/// <summary>Twilio's Content SID of an approved template and its variables as Twilio wants them (a JSON object).</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.OutboundTemplate")]
public sealed record OutboundTemplate(
    [property: Id(0)] string ContentSid,
    [property: Id(1)] string ContentVariables);

[GenerateSerializer, Immutable]
[Alias("Consultant.ConsultantSendResult")]
public sealed record ConsultantSendResult(
    [property: Id(0)] ChatMessageView Message,
    /// <summary>Null when sent; otherwise why not, in words (the message is kept, marked failed).</summary>
    [property: Id(1)] string? Problem);

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

[GenerateSerializer]
[Alias("Consultant.MessageSource")]
public enum MessageSource
{
    Webhook = 0,
    Poller = 1,
    Simulator = 2,
}

[GenerateSerializer, Immutable]
[Alias("Consultant.InboundWhatsAppMessage")]
public sealed record InboundWhatsAppMessage(
    [property: Id(0)] string MessageSid,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string Body,
    [property: Id(4)] int NumMedia,
    [property: Id(5)] string? ProfileName,
    [property: Id(6)] string? WaId,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] MessageSource Source)
{
    /// <summary>The media Twilio announced with the message (MediaUrlN / MediaContentTypeN).</summary>
    [Id(9)] public IReadOnlyList<InboundMedia> Media { get; init; } = [];
}

[GenerateSerializer]
[Alias("Consultant.ReceiveOutcome")]
public enum ReceiveOutcome
{
    Accepted = 0,
    Duplicate = 1,
}

