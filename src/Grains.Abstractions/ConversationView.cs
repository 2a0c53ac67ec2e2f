namespace Consultant.Grains.Abstractions;

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
    [property: Id(17)] bool OptedOut,
    /// <summary>The contact's language (it, en, es, fr) as the dashboards are told it; null where it was not read (the grain's own view).</summary>
    [property: Id(18)] string? Language = null,
    /// <summary>Why it is that language: client, phone, detected, asked or consultant.</summary>
    [property: Id(19)] string? LanguageSource = null);
