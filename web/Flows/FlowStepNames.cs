using System.Text.RegularExpressions;
using Consultant.Grains.Languages;
using Consultant.Web.Shared;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.Flows;

/// <summary>
/// The flow rules name a step by its id (<c>Step "goal": …</c>, <c>… leads back to step "goal" …</c>, <c>Step "goal"
/// (en): …</c>): the API's callers know ids, but on the page an id is hidden under Advanced and the consultant sees
/// the step's number ("Step 1"). A refusal already in the page's language (<see cref="ServiceMessages"/>) is written
/// again so: each step of the form by its number in the list, a language by its name. The summary at the top lists
/// these (<see cref="Summary"/>, what the toast counts); a step's own fields show them without the step.
/// </summary>
public sealed class FlowStepNames
{
    private const char Hole = '\u0001';

    private readonly IStringLocalizer<FlowsText> L;
    private readonly Regex stepName;

    public FlowStepNames(FlowForm form, ServiceMessages serviceMessages, IStringLocalizer<FlowsText> localizer)
    {
        Form = form;
        L = localizer;
        // "Step "x"" in the page's language ("Passo «x»"): its words and quotes around the id.
        var named = serviceMessages.Translate($"Step \"{Hole}\"");
        var hole = named.IndexOf(Hole, StringComparison.Ordinal);
        var (before, after) = hole < 0 ? ("Step \"", "\"") : (named[..hole], named[(hole + 1)..]);
        stepName = new Regex(
            Regex.Escape(before) + "(?<id>[^" + Regex.Escape(after.Length > 0 ? after[..1] : "\"") + "]*)" + Regex.Escape(after) + @"(?: \((?<code>[a-z]{2})\))?",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The flow whose steps are named (a page keeps one of these per flow it shows).</summary>
    public FlowForm Form { get; }

    /// <summary>Each of <paramref name="errors"/>' messages once, in words: the lines of the summary, as many as the toast counts.</summary>
    public IReadOnlyList<string> Summary(IDictionary<string, string[]> errors) =>
        Refusals.Once(errors.SelectMany(pair => pair.Value).Select(InWords));

    /// <summary>The message with the steps of the form named by their number and a language by its name; other text unchanged.</summary>
    public string InWords(string message) => stepName.Replace(message, match =>
    {
        var numbers = Form.Steps.Select((step, index) => (step, index)).Where(s => s.step.Id.Trim() == match.Groups["id"].Value)
            .Select(s => s.index + 1).ToList();
        if (numbers.Count == 0)
        {
            return match.Value; // not a step of this flow (a next step that no longer exists): as the service wrote it
        }

        string name = numbers.Count == 1 ? L["Step {0}", numbers[0]] : L["Steps {0}", string.Join(", ", numbers)];
        if (char.IsLower(match.Value[0]))
        {
            name = char.ToLower(name[0], System.Globalization.CultureInfo.CurrentCulture) + name[1..]; // "… leads back to step 1"
        }

        var code = match.Groups["code"];
        return !code.Success ? name
            : ContactLanguage.FromCode(code.Value) is { } language ? $"{name} ({FlowWords.Language(L, language)})" // "Step 1 (English): …"
            : $"{name} ({code.Value})";
    });
}
