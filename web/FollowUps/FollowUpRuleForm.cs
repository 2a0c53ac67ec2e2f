using Consultant.Grains.FollowUps;

namespace Consultant.Web.FollowUps;

/// <summary>
/// One rule as its card edits it: the delay as a whole number of minutes, hours or days (the largest unit that holds
/// it exactly), a text box per contact language, the template's Content SID and numbered variables. Nothing is
/// checked here: the service checks on save and preview, and its errors name the field.
/// </summary>
public sealed class FollowUpRuleForm
{
    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    private FollowUpRuleForm(string key) => Key = key;

    public string Key { get; }

    public bool Enabled { get; set; }

    public int DelayAmount { get; set; }

    public DelayUnit Unit { get; set; }

    /// <summary>Every language of <see cref="FollowUpRuleLimits.Languages"/>; empty when none is written.</summary>
    public Dictionary<string, string> Texts { get; } = [];

    public string? TemplateSid { get; set; }

    /// <summary>The template's variables 1, 2, 3 … in order.</summary>
    public List<TemplateVariable> Variables { get; } = [];

    public bool AiWrites { get; set; }

    public int DelayMinutes => DelayAmount * (int)Unit;

    public static FollowUpRuleForm From(FollowUpRule rule)
    {
        var unit = FollowUpWords.UnitOf(rule.DelayMinutes);
        var form = new FollowUpRuleForm(rule.Key)
        {
            Enabled = rule.Enabled,
            DelayAmount = rule.DelayMinutes / (int)unit,
            Unit = unit,
            TemplateSid = rule.Template?.ContentSid,
            AiWrites = rule.AiWrites,
        };
        foreach (var language in FollowUpRuleLimits.Languages)
        {
            form.Texts[language] = rule.Texts.TryGetValue(language, out var text) ? text : string.Empty;
        }

        foreach (var (_, value) in (rule.Template?.Variables ?? new Dictionary<string, string>())
                     .OrderBy(pair => int.TryParse(pair.Key, out var n) ? n : int.MaxValue))
        {
            form.Variables.Add(new TemplateVariable { Value = value });
        }

        return form;
    }

    /// <summary>The rule to save or preview: languages left empty are left out (they fall back), no SID and no variables is no template.</summary>
    public FollowUpRule ToRule()
    {
        var texts = Texts.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value.Trim());
        var template = string.IsNullOrWhiteSpace(TemplateSid) && Variables.Count == 0
            ? null
            : new FollowUpTemplate(
                (TemplateSid ?? string.Empty).Trim(),
                Variables.Select((variable, index) => (Number: (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), variable.Value))
                    .ToDictionary(pair => pair.Number, pair => pair.Value ?? string.Empty));
        return new FollowUpRule(Key, Enabled, DelayMinutes, texts, template, AiWrites);
    }

    /// <summary>
    /// Whether the card holds a change to the saved rule, compared as it would be saved (trimmed, empty languages left
    /// out, "2 days" the same as "48 hours"): what the page marks as not saved.
    /// </summary>
    public bool DiffersFrom(FollowUpRule saved) => !Same(ToRule(), From(saved).ToRule());

    private static bool Same(FollowUpRule a, FollowUpRule b) =>
        a.Key == b.Key && a.Enabled == b.Enabled && a.DelayMinutes == b.DelayMinutes && a.AiWrites == b.AiWrites
        && SameEntries(a.Texts, b.Texts)
        && a.Template?.ContentSid == b.Template?.ContentSid
        && SameEntries(a.Template?.Variables ?? NoVariables, b.Template?.Variables ?? NoVariables);

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
