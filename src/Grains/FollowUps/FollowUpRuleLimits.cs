namespace Consultant.Grains.FollowUps;

/// <summary>What a rule may say: delay bounds per rule, text lengths, the placeholders each rule knows.</summary>
public static class FollowUpRuleLimits
{
    public const int MaxTextLength = 1000;

    /// <summary>An AI-written follow-up is cut to this many characters (one message).</summary>
    public const int MaxAiLength = 400;

    public const int MaxTemplateVariables = 10;

    public static readonly IReadOnlyList<string> Languages = ["it", "en", "es", "fr"];

    public static readonly IReadOnlyList<string> SilencePlaceholders = ["{name}"];

    public static readonly IReadOnlyList<string> ConsultationPlaceholders = ["{name}", "{date}", "{time}", "{link}"];

    public static IReadOnlyList<string> PlaceholdersOf(string key) =>
        FollowUpRuleKeys.IsConsultation(key) ? ConsultationPlaceholders : SilencePlaceholders;

    /// <summary>Smallest and largest delay in minutes.</summary>
    public static (int Min, int Max) DelayBounds(string key) => key switch
    {
        FollowUpRuleKeys.Before24h or FollowUpRuleKeys.Before1h => (15, 7 * 24 * 60),
        FollowUpRuleKeys.AfterConsultation => (0, 7 * 24 * 60),
        _ => (60, 30 * 24 * 60),
    };
}
