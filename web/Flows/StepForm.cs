using Consultant.Grains.Flows;
using Consultant.Grains.Interactive;

namespace Consultant.Web.Flows;

/// <summary>One step as the editor changes it (<see cref="FlowForm"/>).</summary>
public sealed class StepForm
{
    public string Id { get; set; } = string.Empty;

    public FlowAnswerType AnswerType { get; set; }

    /// <summary>Per language code (it, en, es, fr); empty for a language not written.</summary>
    public Dictionary<string, string> Question { get; init; } = Texts.Empty();

    public List<OptionForm> Options { get; init; } = [];

    public string? Next { get; set; }

    public FlowAnswerField Field { get; set; }

    public FlowChoiceDisplay Display { get; set; }

    public int MaxRetries { get; set; } = FlowStep.DefaultMaxRetries;

    /// <summary>How many options this step may have as shown: 3 buttons, or a list of 10.</summary>
    public int OptionLimit => Display == FlowChoiceDisplay.Buttons ? InteractiveLimits.MaxButtons : InteractiveLimits.MaxListItems;

    public static StepForm From(FlowStep step) => new()
    {
        Id = step.Id,
        AnswerType = step.AnswerType,
        Question = Texts.From(step.Question),
        Options = step.OptionList.Select(OptionForm.From).ToList(),
        Next = step.Next,
        Field = step.Field,
        Display = step.Display,
        MaxRetries = step.MaxRetries,
    };

    public FlowStep ToStep() => new(
        Id.Trim(), AnswerType, Texts.Written(Question),
        AnswerType == FlowAnswerType.Choice ? Options.Select(o => o.ToOption()).ToList() : null,
        AnswerType == FlowAnswerType.Choice ? null : Next, Field, Display, MaxRetries);
}
