using Consultant.Grains.Abstractions;
using Consultant.Grains.Interactive;
using Consultant.Grains.Languages;

namespace Consultant.Grains.Flows;

/// <summary>A step's texts in the contact's language (Italian where that language is not written), and a choice step as an interactive question.</summary>
public static class FlowQuestions
{
    public static string Text(IReadOnlyDictionary<string, string>? texts, ContactLanguage language) =>
        texts is not null && texts.TryGetValue(language.Code, out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim()
            : texts is not null && texts.TryGetValue(ContactLanguage.Italian.Code, out var italian) ? italian?.Trim() ?? string.Empty
            : string.Empty;

    /// <summary>The step's question with its options (a choice step), as <see cref="InteractiveMessages"/> sends it.</summary>
    public static InteractiveQuestion Build(FlowStep step, ContactLanguage language) => new(
        Text(step.Question, language),
        step.OptionList.Select(o => new InteractiveOption(o.Id, Text(o.Labels, language))).ToList(),
        language);
}
