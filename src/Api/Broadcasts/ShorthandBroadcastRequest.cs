namespace Consultant.Api.Broadcasts;

/// <summary>The roadmap's shorthand: a free text to all, clients or leads, created and started at once.</summary>
public sealed record ShorthandBroadcastRequest(string? TargetGroup, string? MessageText);
