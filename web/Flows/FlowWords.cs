using Consultant.Grains.Flows;
using Consultant.Grains.Languages;
using Consultant.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.Flows;

/// <summary>The flow model's words as a consultant reads them, in the page's language.</summary>
public static class FlowWords
{
    public static string AnswerType(IStringLocalizer<FlowsText> L, FlowAnswerType type) => Words.For(type,
        (FlowAnswerType.Choice, L["Pick one of the options"]),
        (FlowAnswerType.FreeText, L["Any text"]),
        (FlowAnswerType.Email, L["E-mail address (checked)"]),
        (FlowAnswerType.Phone, L["Phone number (checked)"]),
        (FlowAnswerType.Date, L["Date (checked)"]),
        (FlowAnswerType.Booking, L["Book a consultation (free times offered)"]));

    public static string Field(IStringLocalizer<FlowsText> L, FlowAnswerField field) => Words.For(field,
        (FlowAnswerField.None, L["Nowhere (not kept)"]),
        (FlowAnswerField.Goal, L["Goal"]),
        (FlowAnswerField.Notes, L["Notes"]),
        (FlowAnswerField.Email, L["E-mail"]),
        (FlowAnswerField.Phone, L["Phone"]),
        (FlowAnswerField.Date, L["Date"]));

    public static string Display(IStringLocalizer<FlowsText> L, FlowChoiceDisplay display) => Words.For(display,
        (FlowChoiceDisplay.Buttons, L["Buttons (up to 3)"]),
        (FlowChoiceDisplay.List, L["A list (up to 10)"]));

    public static string Language(IStringLocalizer<FlowsText> L, ContactLanguage language) => language.Code switch
    {
        "it" => L["Italian"],
        "en" => L["English"],
        "es" => L["Spanish"],
        "fr" => L["French"],
        _ => language.NativeName,
    };

    /// <summary>An option's label in the page's language (Italian when that one is not written), else its id.</summary>
    public static string Label(FlowOption option)
    {
        var code = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return option.Labels.TryGetValue(code, out var label) && !string.IsNullOrWhiteSpace(label) ? label
            : option.Labels.TryGetValue(ContactLanguage.Italian.Code, out var italian) && !string.IsNullOrWhiteSpace(italian) ? italian
            : option.Id;
    }

    /// <summary>
    /// "step 2 of 5", or "step 2 of up to 5" when the lead's answers from here decide how long the flow goes on (a "No"
    /// or a booking with nothing free ends it early): a range such as "of 4–5" read like a bug.
    /// </summary>
    public static string StepOf(IStringLocalizer<FlowsText> L, FlowProgress progress) => progress.Fewest == progress.Most
        ? L["step {0} of {1}", progress.Step, progress.Most]
        : L["step {0} of up to {1}", progress.Step, progress.Most];

    /// <summary>A step's question as the contact got it (in <paramref name="language"/>, else the page's; Italian when that one is not written).</summary>
    public static string Question(FlowStep step, ContactLanguage? language) =>
        FlowQuestions.Text(step.Question, language ?? ContactLanguage.FromCode(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? ContactLanguage.Italian);
}
