namespace Consultant.Grains.FollowUps;

/// <summary>
/// A conversation as a follow-up needs it (its list row, the client's name and language). <see cref="LastAnsweredAt"/>:
/// our last message that answered the contact (the AI, the consultant, a flow or the system; never a follow-up or a broadcast).
/// <see cref="NeedsReply"/>: the conversation waits for the consultant's reply (the contact asked for them, or the AI could not answer).
/// </summary>
public sealed record FollowUpContact(
    Guid ConversationId,
    string Phone,
    string Name,
    bool IsLead,
    Guid? ClientId,
    string? ClientLanguage,
    bool AiEnabled,
    bool OptedOut,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? LastAnsweredAt,
    bool NeedsReply);
