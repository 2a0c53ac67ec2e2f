using Consultant.Grains.Common;
using static Consultant.Grains.Interactive.InteractiveLimits;

namespace Consultant.Grains.Interactive;

/// <summary>
/// Checks a question against WhatsApp's limits for the format it takes, before anything is created or sent. Each
/// error names the option (its number and title) and the field, so a flow editor can show it at the step.
/// Fields: <c>body</c>, <c>options</c>, <c>options[N].id</c>, <c>options[N].title</c>, <c>options[N].description</c>
/// (N from 1), <c>listButton</c>.
/// </summary>
public static class InteractiveQuestionRules
{
    public static ValidationErrors Validate(InteractiveQuestion question)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(question.Body))
        {
            errors.Add("body", "Write the question.");
        }
        else if (question.Body.Length > MaxBodyLength)
        {
            errors.Add("body", $"The question has {question.Body.Length} characters; at most {MaxBodyLength}.");
        }

        if (question.Options.Count == 0)
        {
            errors.Add("options", "Give at least one option.");
        }
        else if (question.Options.Count > MaxNumberedOptions)
        {
            errors.Add("options", $"{question.Options.Count} options; at most {MaxNumberedOptions}.");
        }

        var format = question.Format;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < question.Options.Count; index++)
        {
            var option = question.Options[index];
            var field = $"options[{index + 1}]";
            var name = string.IsNullOrWhiteSpace(option.Title) ? $"Option {index + 1}" : $"Option {index + 1} (\"{option.Title.Trim()}\")";
            if (string.IsNullOrWhiteSpace(option.Id))
            {
                errors.Add(field + ".id", $"{name}: give it an id (the payload a tap sends back).");
            }
            else if (option.Id.Length > MaxIdLength)
            {
                errors.Add(field + ".id", $"{name}: the id has {option.Id.Length} characters; at most {MaxIdLength}.");
            }
            else if (!ids.Add(option.Id))
            {
                errors.Add(field + ".id", $"{name}: the id \"{option.Id}\" is used by another option.");
            }

            if (string.IsNullOrWhiteSpace(option.Title))
            {
                errors.Add(field + ".title", $"{name}: write its text.");
                continue;
            }

            var (limit, holder) = format switch
            {
                InteractiveFormat.QuickReply => (MaxButtonTitleLength, "a button"),
                InteractiveFormat.ListPicker => (MaxListItemLength, "a list item"),
                _ => (MaxNumberedTitleLength, "an option"),
            };
            var title = option.Title.Trim();
            if (title.Length > limit)
            {
                errors.Add(field + ".title", $"{name}: the text has {title.Length} characters; {holder} holds at most {limit}.");
            }
            else if (!titles.Add(title))
            {
                errors.Add(field + ".title", $"{name}: another option has the same text, so a typed answer could not tell them apart.");
            }

            if (option.Description is { Length: > MaxListDescriptionLength } description)
            {
                errors.Add(field + ".description", $"{name}: the description has {description.Length} characters; at most {MaxListDescriptionLength}.");
            }
        }

        if (format == InteractiveFormat.ListPicker && question.ListButtonText.Length > MaxListButtonLength)
        {
            errors.Add("listButton", $"The list's button has {question.ListButtonText.Length} characters; at most {MaxListButtonLength}.");
        }

        return errors;
    }
}
