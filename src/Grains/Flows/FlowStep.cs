namespace Consultant.Grains.Flows;

/// <summary>
/// One question of a guided flow. <see cref="Question"/>: its text per language code (it, en, es, fr; Italian
/// required, the others fall back to it). <see cref="Options"/>: a choice step's answers (each with its own next
/// step); <see cref="Next"/>: the step after any other kind of answer (null: the end). <see cref="Field"/>: where the
/// answer lands on the lead. <see cref="MaxRetries"/>: how many times an invalid e-mail, phone or date is asked again
/// before the flow moves on. <see cref="Display"/>: buttons or a list, for a choice step.
/// </summary>
public sealed record FlowStep(
    string Id,
    FlowAnswerType AnswerType,
    IReadOnlyDictionary<string, string> Question,
    IReadOnlyList<FlowOption>? Options = null,
    string? Next = null,
    FlowAnswerField Field = FlowAnswerField.None,
    FlowChoiceDisplay Display = FlowChoiceDisplay.Buttons,
    int MaxRetries = FlowStep.DefaultMaxRetries)
{
    public const int DefaultMaxRetries = 2;

    public IReadOnlyList<FlowOption> OptionList => Options ?? [];
}
