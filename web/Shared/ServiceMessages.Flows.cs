using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Guided flows (Flows/FlowRules, FlowService): every message names the step; the more specific wordings first.</summary>
    private LocalizedString[] FlowWordings() =>
    [
        L["Step \"{0}\" ({1}): {2}"],
        L["Flow {0}: another flow has the same id."],
        L["Only one flow can start by itself for new leads."],
        L["Give the flow a name."],
        L["The name has {0} characters; at most {1}."],
        L["Add at least one step."],
        L["Send the flow."],
        L["Flow {0} is empty."],
        L["A step is empty."],
        L["{0}: an option is empty."],
        L["{0} steps; at most {1}."],
        L["Step \"{0}\": an id is 1 to {1} lower-case letters, digits, - or _."],
        L["Step \"{0}\": another step has the same id."],
        L["The first step \"{0}\" is not one of the flow's steps."],
        L["Step \"{0}\": it leads back to step \"{1}\", so the flow would never end."],
        L["Step \"{0}\": no answer leads to it from the first step."],
        L["{0}: ask again 0 to {1} times."],
        L["{0}: only a choice step has options."],
        L["{0}: give at least one option."],
        L["{0}: {1} buttons; a WhatsApp message holds at most {2} (show the options as a list for up to {3})."],
        L["{0}: {1} options; a list holds at most {2}."],
        L["{0}: \"{1}\" is not a language here; use {2}."],
        L["{0}: write the question in Italian at least."],
        L["{0}: write the text in Italian at least."],
        L["{0}: write the {1} in Italian at least."],
        L["{0}: the question ({1}) has {2} characters; at most {3}."],
        L["{0}: the text ({1}) has {2} characters; at most {3}."],
        L["{0}: the {1} ({2}) has {3} characters; at most {4}."],
        L["{0}: the next step \"{1}\" does not exist."],
        L["Step \"{0}\", option {1}"],
        L["Step \"{0}\""],
        L["Choose one of your flows."],
        L["Send the list of flows."],
        L["The first question could not be sent."],
        L["No flow of yours has that id."],
        L["Step \"{0}\": {1}"], // an option's id (no language), WhatsApp's limit inside: after every more specific wording
    ];

    /// <summary>Buttons and lists (Interactive/InteractiveQuestionRules): WhatsApp's limits, naming the option.</summary>
    private LocalizedString[] InteractiveWordings() =>
    [
        L["Write the question."],
        L["The question has {0} characters; at most {1}."],
        L["Give at least one option."],
        L["{0} options; at most {1}."],
        L["{0}: give it an id (the payload a tap sends back)."],
        L["{0}: the id has {1} characters; at most {2}."],
        L["{0}: the id \"{1}\" is used by another option."],
        L["{0}: write its text."],
        L["{0}: the text has {1} characters; a button holds at most {2}."],
        L["{0}: the text has {1} characters; a list item holds at most {2}."],
        L["{0}: the text has {1} characters; an option holds at most {2}."],
        L["{0}: the text has {1} characters; {2} holds at most {3}."],
        L["{0}: another option has the same text, so a typed answer could not tell them apart."],
        L["{0}: the description has {1} characters; at most {2}."],
        L["The list's button has {0} characters; at most {1}."],
        L["Option {0} (\"{1}\")"],
        L["Option {0}"],
    ];
}
