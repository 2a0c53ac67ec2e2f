using System.Globalization;
using System.Text;

namespace Consultant.Grains.Interactive;

/// <summary>
/// The fallback where buttons and lists cannot be used (more options than a list holds, or the Content API refused):
/// the question, its options numbered from 1, and how to answer, as one text message.
/// </summary>
public static class NumberedOptions
{
    public static string Render(InteractiveQuestion question)
    {
        var text = new StringBuilder(question.Body.Trim()).Append("\n\n");
        for (var index = 0; index < question.Options.Count; index++)
        {
            var option = question.Options[index];
            text.Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(option.Title.Trim());
            if (!string.IsNullOrWhiteSpace(option.Description))
            {
                text.Append(" – ").Append(option.Description.Trim());
            }

            text.Append('\n');
        }

        return text.Append('\n').Append(InteractiveTexts.NumberedHint(question.Language)).ToString();
    }
}
