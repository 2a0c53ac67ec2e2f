namespace Consultant.Grains.Abstractions;

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

    /// <summary>
    /// A tap on a button or a list item: the option's payload (Twilio's ButtonPayload, or ListId for a list), kept with
    /// the message so a guided flow routes by it, not by the text. Null for a typed message.
    /// </summary>
    [Id(10)] public string? ButtonPayload { get; init; }
}
