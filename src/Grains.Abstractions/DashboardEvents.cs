namespace Consultant.Grains.Abstractions;

/// <summary>What the dashboards of one consultant are told, live. Names are the SignalR event names.</summary>
public static class DashboardEventNames
{
    public const string NewMessage = "NewMessage";
    public const string MessageSent = "MessageSent";
    public const string MessageStatusChanged = "MessageStatusChanged";

    /// <summary>A message's media was downloaded or analysed (or failed): the message carries its media anew.</summary>
    public const string MediaUpdated = "MediaUpdated";
    public const string ConversationUpdated = "ConversationUpdated";
}

/// <summary>One event for one consultant's dashboards; <see cref="Message"/> or <see cref="Conversation"/> is set.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.DashboardEvent")]
public sealed record DashboardEvent(
    [property: Id(0)] Guid ConsultantId,
    [property: Id(1)] string Name,
    [property: Id(2)] ChatMessageView? Message,
    [property: Id(3)] ConversationView? Conversation);

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
}

/// <summary>A conversation as the list shows it (what its grain knows; tags and notes live only in the table).</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string ContactPhone,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] bool IsLead,
    [property: Id(4)] Guid? ClientId,
    [property: Id(5)] bool AiEnabled,
    [property: Id(6)] int MessageCount,
    [property: Id(7)] int UnreadCount,
    [property: Id(8)] DateTimeOffset? LastMessageAt,
    [property: Id(9)] string? LastMessagePreview,
    [property: Id(10)] bool NeedsReply,
    [property: Id(11)] string? NeedsReplyReason,
    [property: Id(12)] DateTimeOffset? AiOverriddenAt,
    [property: Id(13)] string? AiOverriddenBy,
    [property: Id(14)] DateTimeOffset? LastReadByConsultant,
    [property: Id(15)] DateTimeOffset? LastInboundAt,
    [property: Id(16)] DateTimeOffset? LeadConvertedAt,
    /// <summary>The contact wrote STOP: no automatic messages; a manual one needs the consultant's confirmation.</summary>
    [property: Id(17)] bool OptedOut);
