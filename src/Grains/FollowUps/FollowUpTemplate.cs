namespace Consultant.Grains.FollowUps;

/// <summary>
/// An approved WhatsApp template (Twilio Content SID, "HX…") used when the 24-hour window is closed, and its variables:
/// the template's variable number ("1", "2", …) → the value, which may hold the rule's placeholders ({name}, …).
/// </summary>
public sealed record FollowUpTemplate(string ContentSid, IReadOnlyDictionary<string, string> Variables);
