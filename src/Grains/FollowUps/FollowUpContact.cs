namespace Consultant.Grains.FollowUps;

/// <summary>A conversation as a follow-up needs it (its list row, the client's name and language).</summary>
public sealed record FollowUpContact(
    Guid ConversationId,
    string Phone,
    string Name,
    bool IsLead,
    Guid? ClientId,
    string? ClientLanguage,
    bool AiEnabled,
    bool OptedOut,
    DateTimeOffset? LastInboundAt);
