namespace Consultant.Grains.Abstractions;

/// <summary>A message as the dashboard shows it.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.ChatMessageView")]
public sealed record ChatMessageView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] string ContactPhone,
    [property: Id(3)] string Direction,
    /// <summary>client, lead, consultant or ai.</summary>
    [property: Id(4)] string Sender,
    [property: Id(5)] string Body,
    [property: Id(6)] string Status,
    [property: Id(7)] int NumMedia,
    [property: Id(8)] string Channel,
    [property: Id(9)] string? Error,
    [property: Id(10)] DateTimeOffset CreatedAt,
    /// <summary>Outbound: how many times Twilio was asked (transient failures are retried on the same message).</summary>
    [property: Id(11)] int Attempts = 0)
{
    /// <summary>The message's media with their analysis (empty when it has none).</summary>
    [Id(12)] public IReadOnlyList<MediaView> Media { get; init; } = [];

    /// <summary>Outbound: the options an interactive question offered (buttons or a list); empty for any other message.</summary>
    [Id(13)] public IReadOnlyList<InteractiveOption> Options { get; init; } = [];

    /// <summary>Inbound: the payload of the button or list item the contact tapped (Twilio's ButtonPayload); null when typed.</summary>
    [Id(14)] public string? ButtonPayload { get; init; }

    /// <summary>Outbound: who or what wrote it (ai, consultant, followup, broadcast, flow, system); null inbound.</summary>
    [Id(15)] public string? Origin { get; init; }

    /// <summary>Outbound: a try that is tried again later (a broadcast held back by WhatsApp's limits); null for any other message.</summary>
    [Id(16)] public MessageRetry? Retry { get; init; }

    /// <summary>Outbound, a list question: what its button says, in the contact's language as it was sent; null for any other message.</summary>
    [Id(17)] public string? ListButton { get; init; }
}
