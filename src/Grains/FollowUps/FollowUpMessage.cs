namespace Consultant.Grains.FollowUps;

/// <summary>A follow-up written for one contact: the text in their language, and the template with its values when the rule has one.</summary>
public sealed record FollowUpMessage(string Language, string Text, FollowUpTemplateUse? Template);
