using System.Text.RegularExpressions;
using Consultant.Grains.Common;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// Checks a rule set before it is saved; every error names the rule and the field (<c>lead_24h.delayMinutes</c>,
/// <c>before_1h.texts.en</c>, <c>client_7d.template.contentSid</c>).
/// </summary>
public static partial class FollowUpRuleValidation
{
    public static ValidationErrors Check(FollowUpRuleSet rules)
    {
        var errors = new ValidationErrors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Rules)
        {
            if (!FollowUpRuleKeys.IsKnown(rule.Key))
            {
                errors.Add("rules", $"Unknown rule '{rule.Key}': the rules are {string.Join(", ", FollowUpRuleKeys.All)}.");
                continue;
            }

            if (!seen.Add(rule.Key))
            {
                errors.Add(rule.Key, "This rule is given twice.");
                continue;
            }

            CheckRule(rule, errors);
        }

        if (rules.Rules.FirstOrDefault(rule => rule.Key == FollowUpRuleKeys.Lead24h) is { } first
            && rules.Rules.FirstOrDefault(rule => rule.Key == FollowUpRuleKeys.Lead48h) is { } second
            && first.Enabled && second.Enabled && second.DelayMinutes <= first.DelayMinutes)
        {
            errors.Add($"{FollowUpRuleKeys.Lead48h}.delayMinutes", "Must be longer than the first nudge's delay.");
        }

        return errors;
    }

    private static void CheckRule(FollowUpRule rule, ValidationErrors errors)
    {
        var (min, max) = FollowUpRuleLimits.DelayBounds(rule.Key);
        if (rule.DelayMinutes < min || rule.DelayMinutes > max)
        {
            errors.Add($"{rule.Key}.delayMinutes", min == 0 ? $"At most {InWords(max)}." : $"Between {InWords(min)} and {InWords(max)}.");
        }

        var texts = rule.Texts ?? new Dictionary<string, string>();
        foreach (var (language, text) in texts)
        {
            var field = $"{rule.Key}.texts.{language}";
            if (!FollowUpRuleLimits.Languages.Contains(language))
            {
                errors.Add(field, $"Unknown language: texts are for {string.Join(", ", FollowUpRuleLimits.Languages)}.");
                continue;
            }

            CheckText(rule.Key, field, text ?? string.Empty, errors);
        }

        if (rule.Enabled && !texts.Any(pair => !string.IsNullOrWhiteSpace(pair.Value)))
        {
            errors.Add($"{rule.Key}.texts", "Write the message in at least one language.");
        }

        if (rule.Template is { } template)
        {
            CheckTemplate(rule.Key, template, errors);
        }
    }

    /// <summary>
    /// "15 minutes", "1 hour", "7 days": a delay in the largest unit that holds it exactly (the page's units), so a
    /// bound reads the same whatever unit the consultant chose.
    /// </summary>
    public static string InWords(int minutes) =>
        minutes != 0 && minutes % (24 * 60) == 0 ? Count(minutes / (24 * 60), "day")
        : minutes != 0 && minutes % 60 == 0 ? Count(minutes / 60, "hour")
        : Count(minutes, "minute");

    /// <summary>
    /// A silence rule goes this long after the contact's last message, so at 24 hours or more WhatsApp's window is
    /// always closed: without a template every one is skipped.
    /// </summary>
    public static bool AlwaysAfterWindow(FollowUpRule rule) =>
        FollowUpRuleKeys.Silence.Contains(rule.Key) && rule.DelayMinutes >= 24 * 60;

    /// <summary>
    /// The languages whose text still names the default delay ("un'ora", "tomorrow") of a reminder whose delay was
    /// changed, with the words found: the text would now say something false.
    /// </summary>
    public static IReadOnlyList<(string Language, string Words)> TextsNamingAnotherDelay(FollowUpRule rule)
    {
        if (!DelayWords.TryGetValue(rule.Key, out var named) || rule.DelayMinutes == named.Minutes)
        {
            return [];
        }

        var found = new List<(string, string)>();
        foreach (var (language, text) in rule.Texts ?? new Dictionary<string, string>())
        {
            var normalized = (text ?? string.Empty).Replace('\u2019', '\'');
            if (named.Words.TryGetValue(language, out var words)
                && words.FirstOrDefault(word => normalized.Contains(word, StringComparison.OrdinalIgnoreCase)) is { } word)
            {
                found.Add((language, word));
            }
        }

        return found;
    }

    /// <summary>Per reminder, the delay its default texts assume and how they say it in each language.</summary>
    private static readonly Dictionary<string, (int Minutes, Dictionary<string, string[]> Words)> DelayWords = new()
    {
        [FollowUpRuleKeys.Before1h] = (60, new()
        {
            ["it"] = ["un'ora"], ["en"] = ["an hour", "one hour"], ["es"] = ["una hora"], ["fr"] = ["une heure"],
        }),
        [FollowUpRuleKeys.Before24h] = (24 * 60, new()
        {
            ["it"] = ["domani"], ["en"] = ["tomorrow"], ["es"] = ["mañana"], ["fr"] = ["demain"],
        }),
    };

    private static string Count(int amount, string unit) => amount == 1 ? $"1 {unit}" : $"{amount} {unit}s";

    private static void CheckText(string key, string field, string text, ValidationErrors errors)
    {
        if (text.Length > FollowUpRuleLimits.MaxTextLength)
        {
            errors.Add(field, $"At most {FollowUpRuleLimits.MaxTextLength} characters.");
        }

        var known = FollowUpRuleLimits.PlaceholdersOf(key);
        foreach (var placeholder in Placeholders().Matches(text).Select(match => match.Value).Distinct())
        {
            if (!known.Contains(placeholder))
            {
                errors.Add(field, FollowUpRuleLimits.ConsultationPlaceholders.Contains(placeholder)
                    ? $"{placeholder} is only for consultation rules; this rule knows {string.Join(" ", known)}."
                    : $"Unknown placeholder {placeholder}: use {string.Join(" ", known)}.");
            }
        }
    }

    private static void CheckTemplate(string key, FollowUpTemplate template, ValidationErrors errors)
    {
        if (!ContentSid().IsMatch(template.ContentSid ?? string.Empty))
        {
            errors.Add($"{key}.template.contentSid", "A Twilio Content SID: HX followed by 32 hexadecimal characters.");
        }

        var variables = template.Variables ?? new Dictionary<string, string>();
        if (variables.Count > FollowUpRuleLimits.MaxTemplateVariables)
        {
            errors.Add($"{key}.template.variables", $"At most {FollowUpRuleLimits.MaxTemplateVariables} variables.");
        }

        foreach (var (number, value) in variables)
        {
            var field = $"{key}.template.variables.{number}";
            if (!int.TryParse(number, out var n) || n < 1 || n > 99)
            {
                errors.Add(field, "A variable is numbered 1, 2, 3 …");
            }
            else
            {
                CheckText(key, field, value ?? string.Empty, errors);
            }
        }
    }

    [GeneratedRegex(@"\{[^{}\s]*\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSid();
}
