namespace Consultant.Grains.Broadcasts;

/// <summary>
/// A new broadcast as the API and the page send it: exactly one of <see cref="MessageText"/> and <see cref="Template"/>;
/// <see cref="OptOutHint"/> (free text only, default true) ends the text with the opt-out hint in the text's language.
/// </summary>
public sealed record BroadcastRequest(
    string? Name, BroadcastAudienceRequest? Audience, string? MessageText, BroadcastTemplateRequest? Template, DateTimeOffset? ScheduledAt,
    bool? OptOutHint = null);

public sealed record BroadcastAudienceRequest(string? Group, IReadOnlyList<string>? Tags);

/// <summary>One of the consultant's approved templates, its variables' values (may hold {name}, filled per contact).</summary>
public sealed record BroadcastTemplateRequest(Guid? TemplateId, IReadOnlyDictionary<string, string>? Variables);
