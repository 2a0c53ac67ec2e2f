using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Follow-ups: the rules' validation (FollowUps/FollowUpRuleValidation, FollowUpService) and the reasons stored with one (FollowUpReasons).</summary>
    private LocalizedString[] FollowUpWordings() =>
    [
        // The rules; the more particular wording first where one would match the other's message.
        L["Give at least one rule."],
        L["Unknown rule '{0}': the rules are {1}."],
        L["This rule is given twice."],
        L["Between {0} minutes and {1} days."],
        L["Between 1 hour and {0} days."],
        L["At most {0} days."],
        L["Between {0} and {1} minutes."],
        L["Between {0} and {1}."],
        L["Must be longer than the first nudge's delay."],
        L["Unknown language: texts are for {0}."],
        L["Write the message in at least one language."],
        L["Unknown placeholder {0}: use {1}."],
        L["{0} is only for consultation rules; this rule knows {1}."],
        L["A Twilio Content SID: HX followed by 32 hexadecimal characters."],
        L["At most {0} variables."],
        L["A variable is numbered 1, 2, 3 …"],
        L["One of {0}, replied, upcoming or history."],
        L["One of {0}."],
        L["This follow-up is already {0}."],
        L["This follow-up went out or was cancelled meanwhile."],

        // Why one was cancelled, skipped, failed or moved.
        L["The contact wrote."],
        L["The contact wrote STOP."],
        L["The lead booked a consultation."],
        L["The lead became a client."],
        L["The rule was switched off."],
        L["Cancelled by the consultant."],
        L["The consultation was cancelled."],
        L["The consultation has already started."],
        L["The consultation no longer exists."],
        L["The AI is off for this conversation."],
        L["Waits for your reply: the conversation needs it, and the nudge is planned again from your answer."],
        L["The 24-hour window is closed and the rule has no template."],
        L["The contact stopped marketing messages (131050): no templates."],
        L["Moved out of the contact's quiet hours."],
        L["The contact's quiet hours last until the consultation starts."],
        L["Moved before the contact's quiet hours: after them the 24-hour window is closed and the rule has no template."],
        L["The contact's quiet hours last until the 24-hour window closes and the rule has no template."],
        L["WhatsApp's marketing limit (131049): tried again later."],
        L["WhatsApp's marketing limit (131049) held it back again after the last retry. The number is fine: send it by hand in a few days, or once the contact writes."],
        L["WhatsApp's marketing limit (131049), still after the last retry."], // as follow-ups that failed before stored it
        L["Interrupted twice while sending: not tried again."],
        L["The conversation no longer exists."],
        L["A later follow-up of the same silence went instead (the earlier one was overdue)."],
        L["Not delivered (error {0})."],
    ];
}
