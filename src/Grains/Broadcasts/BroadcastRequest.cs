namespace Consultant.Grains.Broadcasts;

/// <summary>A new broadcast as the API and the page send it: exactly one of <see cref="MessageText"/> and <see cref="Template"/>.</summary>
public sealed record BroadcastRequest(
    string? Name, BroadcastAudienceRequest? Audience, string? MessageText, BroadcastTemplateRequest? Template, DateTimeOffset? ScheduledAt);

public sealed record BroadcastAudienceRequest(string? Group, IReadOnlyList<string>? Tags);

/// <summary>One of the consultant's approved templates, its variables' values (may hold {name}, filled per contact).</summary>
public sealed record BroadcastTemplateRequest(Guid? TemplateId, IReadOnlyDictionary<string, string>? Variables);
