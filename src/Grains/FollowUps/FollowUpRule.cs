namespace Consultant.Grains.FollowUps;

/// <summary>
/// One follow-up rule of a consultant, as the page and the API edit it.
/// </summary>
/// <param name="Key">One of <see cref="FollowUpRuleKeys.All"/>.</param>
/// <param name="DelayMinutes">Silence rules: after the contact's last message; <c>before_*</c>: before the consultation
/// starts; <c>after_consultation</c>: after it ends. Bounds per rule in <see cref="FollowUpRuleLimits"/>.</param>
/// <param name="Texts">The message per contact language (it, en, es, fr) with placeholders {name}, {date}, {time},
/// {link} ({date}/{time}/{link} only in consultation rules). A language left out falls back to Italian, then English.</param>
/// <param name="Template">The template to send instead when the 24-hour window is closed; without one the follow-up is
/// skipped then.</param>
/// <param name="AiWrites">Let the AI write it from the conversation (one message, at most
/// <see cref="FollowUpRuleLimits.MaxAiLength"/> characters); the text is used when the AI cannot.</param>
public sealed record FollowUpRule(
    string Key,
    bool Enabled,
    int DelayMinutes,
    IReadOnlyDictionary<string, string> Texts,
    FollowUpTemplate? Template = null,
    bool AiWrites = false);
