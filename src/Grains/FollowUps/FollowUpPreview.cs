namespace Consultant.Grains.FollowUps;

/// <summary>
/// The message a conversation would get from a rule if it went out now.
/// </summary>
/// <param name="Text">What the contact reads (with a template: the rendered values, for the record).</param>
/// <param name="Template">Set when it would go as the template (the 24-hour window is closed).</param>
/// <param name="WouldSkip">Why it would not go now (window closed without a template, opted out, …); null when it would.</param>
/// <param name="AiWrites">The rule lets the AI write it: <see cref="Text"/> is the fallback the AI starts from.</param>
public sealed record FollowUpPreview(
    string Rule, Guid ConversationId, string Language, string Text, FollowUpTemplateUse? Template, string? WouldSkip, bool AiWrites);
