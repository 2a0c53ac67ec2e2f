namespace Consultant.Grains.FollowUps;

/// <summary>A template as it would be sent: its Content SID and the variables' values (placeholders filled).</summary>
public sealed record FollowUpTemplateUse(string ContentSid, IReadOnlyDictionary<string, string> Variables);
