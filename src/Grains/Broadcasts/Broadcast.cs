namespace Consultant.Grains.Broadcasts;

/// <summary>A broadcast as stored (<c>whatsapp_broadcasts</c>).</summary>
public sealed record Broadcast(
    Guid Id,
    string Name,
    string AudienceGroup,
    string[] AudienceTags,
    string? MessageText,
    Guid? TemplateId,
    string? TemplateVariables,
    string Status,
    string? StatusReason,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public BroadcastAudience Audience => new(AudienceGroup, AudienceTags);

    public bool IsFreeText => MessageText is not null;
}
