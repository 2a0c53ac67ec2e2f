namespace Consultant.Grains.Broadcasts;

/// <summary>A broadcast as stored (<c>whatsapp_broadcasts</c>).</summary>
public sealed record Broadcast
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>all, clients or leads.</summary>
    public string AudienceGroup { get; init; } = BroadcastAudience.All;

    public string[] AudienceTags { get; init; } = [];

    /// <summary>The free text ({name} filled per contact); null for a template broadcast.</summary>
    public string? MessageText { get; init; }

    /// <summary>Free text only: it ends with the opt-out hint in the text's language (<see cref="BroadcastHintLanguage"/>), on unless the consultant switched it off.</summary>
    public bool OptOutHint { get; init; } = true;

    public Guid? TemplateId { get; init; }

    /// <summary>The template's variables as JSON ("1": "{name}"...).</summary>
    public string? TemplateVariables { get; init; }

    public string Status { get; init; } = BroadcastStatus.Draft;

    /// <summary>Why it is in its status, in words (paused by the quality guard, started late...).</summary>
    public string? StatusReason { get; init; }

    public DateTimeOffset? ScheduledAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public BroadcastAudience Audience => new(AudienceGroup, AudienceTags);

    public bool IsFreeText => MessageText is not null;
}
