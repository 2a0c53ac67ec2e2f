using Consultant.Grains.FollowUps;
using Consultant.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.FollowUps;

/// <summary>
/// A refused save of the rules said as on the other forms (<see cref="Refusals"/>): the lines of the summary at the top,
/// as many as the toast counts. The service names a field by key (<c>lead_24h.texts.en</c>); with six cards a bare
/// "Between 1 hour and 7 days." does not say where, so each line names the rule as its card is headed and the field as
/// the card labels it.
/// </summary>
public static class FollowUpMistakes
{
    /// <param name="errors">The service's refusal (English, as it wrote it).</param>
    /// <param name="forms">The cards as they are: a rule is named with the delay its card shows.</param>
    public static IReadOnlyList<string> Summary(
        IStringLocalizer<FollowUpsText> L, ServiceMessages messages, IDictionary<string, string[]> errors, IReadOnlyList<FollowUpRuleForm> forms) =>
        Refusals.Once(errors.SelectMany(pair => pair.Value.Select(message => Line(L, pair.Key, messages.Translate(message), forms))));

    private static string Line(IStringLocalizer<FollowUpsText> L, string field, string message, IReadOnlyList<FollowUpRuleForm> forms)
    {
        var form = forms.FirstOrDefault(form => field == form.Key || field.StartsWith(form.Key + ".", StringComparison.Ordinal));
        if (form is null)
        {
            return message; // about the rule list as a whole
        }

        var rule = FollowUpWords.RuleName(L, form.Key, form.DelayMinutes);
        return FieldLabel(L, form.Key, field.Length > form.Key.Length ? field[(form.Key.Length + 1)..] : string.Empty) is { } label
            ? L["“{0}” — {1}: {2}", rule, label, message]
            : L["“{0}”: {1}", rule, message];
    }

    /// <summary>The field as the card labels it; none for the rule itself (given twice, say).</summary>
    private static string? FieldLabel(IStringLocalizer<FollowUpsText> L, string key, string field)
    {
        const string text = "texts.", variable = "template.variables.";
        return field switch
        {
            "delayMinutes" => FollowUpWords.DelayLabel(L, key),
            "texts" => L["The message"],
            "template.contentSid" => L["Content SID (HX…)"],
            "template.variables" => L["Template variables"],
            _ when field.StartsWith(text, StringComparison.Ordinal) => FollowUpWords.LanguageName(L, field[text.Length..]),
            _ when field.StartsWith(variable, StringComparison.Ordinal) => L["Variable {0}", field[variable.Length..]],
            _ => null,
        };
    }
}
