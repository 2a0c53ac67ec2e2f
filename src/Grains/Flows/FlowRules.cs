using System.Text.RegularExpressions;
using Consultant.Grains.Common;
using Consultant.Grains.Interactive;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Flows;

/// <summary>
/// Checks a guided flow before it is saved: names, step ids, the question in Italian at least (and only it, en, es,
/// fr), each choice step's options against WhatsApp's limits in every language (<see cref="InteractiveQuestionRules"/>:
/// at most 3 buttons, or a list of at most 10, and their title lengths), next steps that exist, every step reachable
/// from the first and no way back to an earlier step (so every flow ends). Every error names the step: field
/// <c>steps[stepId].…</c>, message starting <c>Step "stepId":</c>.
/// </summary>
public static partial class FlowRules
{
    public const int MaxNameLength = 100;
    public const int MaxSteps = 20;
    public const int MaxStepIdLength = 40;
    public const int MaxRetriesLimit = 5;

    public static ValidationErrors Validate(FlowDefinition flow) => Validate(flow, prefix: string.Empty);

    /// <summary>A consultant's flows together: each one (fields <c>flows[N].…</c>, N from 1), distinct ids, one starting for new leads at most.</summary>
    public static ValidationErrors ValidateAll(IReadOnlyList<FlowDefinition> flows)
    {
        var errors = new ValidationErrors();
        var ids = new HashSet<Guid>();
        for (var index = 0; index < flows.Count; index++)
        {
            var prefix = $"flows[{index + 1}].";
            if (flows[index] is null)
            {
                errors.Add($"flows[{index + 1}]", $"Flow {index + 1} is empty.");
                continue;
            }

            Merge(errors, Validate(flows[index], prefix));
            if (!ids.Add(flows[index].Id))
            {
                errors.Add(prefix + "id", $"Flow {index + 1}: another flow has the same id.");
            }
        }

        if (flows.Count(f => f?.StartsForNewLeads == true) > 1)
        {
            errors.Add("flows", "Only one flow can start by itself for new leads.");
        }

        return errors;
    }

    private static ValidationErrors Validate(FlowDefinition flow, string prefix)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(flow.Name))
        {
            errors.Add(prefix + "name", "Give the flow a name.");
        }
        else if (flow.Name.Trim().Length > MaxNameLength)
        {
            errors.Add(prefix + "name", $"The name has {flow.Name.Trim().Length} characters; at most {MaxNameLength}.");
        }

        var steps = flow.Steps ?? [];
        if (steps.Count == 0)
        {
            errors.Add(prefix + "steps", "Add at least one step.");
            return errors;
        }

        if (steps.Any(step => step is null))
        {
            errors.Add(prefix + "steps", "A step is empty.");
            return errors;
        }

        if (steps.Count > MaxSteps)
        {
            errors.Add(prefix + "steps", $"{steps.Count} steps; at most {MaxSteps}.");
        }

        var stepIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (string.IsNullOrWhiteSpace(step.Id) || step.Id.Length > MaxStepIdLength || !StepIdPattern().IsMatch(step.Id))
            {
                errors.Add(prefix + "steps", $"Step \"{step.Id}\": an id is 1 to {MaxStepIdLength} lower-case letters, digits, - or _.");
            }
            else if (!stepIds.Add(step.Id))
            {
                errors.Add(prefix + $"steps[{step.Id}].id", $"Step \"{step.Id}\": another step has the same id.");
            }
        }

        if (flow.Step(flow.StartStepId) is null)
        {
            errors.Add(prefix + "startStepId", $"The first step \"{flow.StartStepId}\" is not one of the flow's steps.");
        }

        foreach (var step in steps)
        {
            ValidateStep(step, stepIds, prefix + $"steps[{step.Id}].", errors);
        }

        if (errors.IsEmpty)
        {
            ValidatePaths(flow, prefix, errors);
        }

        return errors;
    }

    private static void ValidateStep(FlowStep step, HashSet<string> stepIds, string field, ValidationErrors errors)
    {
        var name = $"Step \"{step.Id}\"";
        ValidateTexts(step.Question, name, "question", field + "question", errors);
        if (step.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            errors.Add(field + "maxRetries", $"{name}: ask again 0 to {MaxRetriesLimit} times.");
        }

        if (step.AnswerType != FlowAnswerType.Choice)
        {
            if (step.OptionList.Count > 0)
            {
                errors.Add(field + "options", $"{name}: only a choice step has options.");
            }

            CheckNext(step.Next, stepIds, name, field + "next", errors);
            return;
        }

        var options = step.OptionList;
        if (options.Any(option => option is null))
        {
            errors.Add(field + "options", $"{name}: an option is empty.");
            return;
        }

        var limit = step.Display == FlowChoiceDisplay.Buttons ? InteractiveLimits.MaxButtons : InteractiveLimits.MaxListItems;
        if (options.Count == 0)
        {
            errors.Add(field + "options", $"{name}: give at least one option.");
            return;
        }

        if (options.Count > limit)
        {
            errors.Add(field + "options", step.Display == FlowChoiceDisplay.Buttons
                ? $"{name}: {options.Count} buttons; a WhatsApp message holds at most {limit} (show the options as a list for up to {InteractiveLimits.MaxListItems})."
                : $"{name}: {options.Count} options; a list holds at most {limit}.");
            return;
        }

        for (var index = 0; index < options.Count; index++)
        {
            var option = options[index];
            ValidateTexts(option.Labels, $"{name}, option {index + 1}", "text", field + $"options[{index + 1}].labels", errors);
            CheckNext(option.Next, stepIds, $"{name}, option {index + 1}", field + $"options[{index + 1}].next", errors);
        }

        ValidateAsSent(step, name, field, errors);
    }

    /// <summary>
    /// WhatsApp's limits on the question as it will be sent in each language, each mistake reported once: an option's
    /// id has no language (reported without one); a text too long or repeated only in the languages it is written in
    /// (a language left empty sends the Italian, whose mistake is reported at the Italian). The question's own text
    /// and the number of options are checked above.
    /// </summary>
    private static void ValidateAsSent(FlowStep step, string name, string field, ValidationErrors errors)
    {
        foreach (var language in ContactLanguage.All)
        {
            var question = FlowQuestions.Build(step, language);
            foreach (var (key, messages) in InteractiveQuestionRules.Validate(question).ToDictionary())
            {
                var option = OptionOf(key, step);
                if (key is "body" or "options" || (option is not null && key.EndsWith(".id", StringComparison.Ordinal) && language != ContactLanguage.Italian))
                {
                    continue;
                }

                var idError = option is not null && key.EndsWith(".id", StringComparison.Ordinal);
                if (option is not null && !idError && !IsWritten(option.Labels, language))
                {
                    continue;
                }

                foreach (var message in messages)
                {
                    errors.Add(field + key, idError ? $"{name}: {message}" : $"{name} ({language.Code}): {message}");
                }
            }
        }
    }

    /// <summary>The option an error field <c>options[N].…</c> names, else null.</summary>
    private static FlowOption? OptionOf(string key, FlowStep step)
    {
        var match = OptionField().Match(key);
        return match.Success && int.TryParse(match.Groups[1].Value, out var n) && n >= 1 && n <= step.OptionList.Count ? step.OptionList[n - 1] : null;
    }

    private static bool IsWritten(IReadOnlyDictionary<string, string>? texts, ContactLanguage language) =>
        texts is not null && texts.TryGetValue(language.Code, out var text) && !string.IsNullOrWhiteSpace(text);

    private static void ValidateTexts(IReadOnlyDictionary<string, string>? texts, string name, string what, string field, ValidationErrors errors)
    {
        texts ??= new Dictionary<string, string>();
        foreach (var code in texts.Keys.Where(code => ContactLanguage.FromCode(code)?.Code != code))
        {
            errors.Add(field, $"{name}: \"{code}\" is not a language here; use {ContactLanguage.CodesText}.");
        }

        if (!texts.TryGetValue(ContactLanguage.Italian.Code, out var italian) || string.IsNullOrWhiteSpace(italian))
        {
            errors.Add(field + ".it", $"{name}: write the {what} in Italian at least.");
        }

        foreach (var (code, text) in texts.Where(t => t.Value?.Length > InteractiveLimits.MaxBodyLength))
        {
            errors.Add(field + "." + code, $"{name}: the {what} ({code}) has {text.Length} characters; at most {InteractiveLimits.MaxBodyLength}.");
        }
    }

    private static void CheckNext(string? next, HashSet<string> stepIds, string name, string field, ValidationErrors errors)
    {
        if (next is not null && !stepIds.Contains(next))
        {
            errors.Add(field, $"{name}: the next step \"{next}\" does not exist.");
        }
    }

    /// <summary>Every step reachable from the first; no step leads back to one before it (so the flow always ends).</summary>
    private static void ValidatePaths(FlowDefinition flow, string prefix, ValidationErrors errors)
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();

        void Visit(FlowStep step)
        {
            if (done.Contains(step.Id))
            {
                return;
            }

            visiting.Add(step.Id);
            foreach (var next in NextSteps(step))
            {
                if (visiting.Contains(next))
                {
                    errors.Add(prefix + $"steps[{step.Id}].next", $"Step \"{step.Id}\": it leads back to step \"{next}\", so the flow would never end.");
                    continue;
                }

                Visit(flow.Step(next)!);
            }

            visiting.Remove(step.Id);
            done.Add(step.Id);
        }

        Visit(flow.Step(flow.StartStepId)!);
        foreach (var step in flow.Steps.Where(s => !done.Contains(s.Id)))
        {
            errors.Add(prefix + $"steps[{step.Id}]", $"Step \"{step.Id}\": no answer leads to it from the first step.");
        }
    }

    private static IEnumerable<string> NextSteps(FlowStep step) => step.AnswerType == FlowAnswerType.Choice
        ? step.OptionList.Select(o => o.Next).OfType<string>().Distinct()
        : step.Next is null ? [] : [step.Next];

    private static void Merge(ValidationErrors into, ValidationErrors from)
    {
        foreach (var (field, messages) in from.ToDictionary())
        {
            foreach (var message in messages)
            {
                into.Add(field, message);
            }
        }
    }

    [GeneratedRegex(@"^options\[(\d+)\]\.")]
    private static partial Regex OptionField();

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex StepIdPattern();
}
