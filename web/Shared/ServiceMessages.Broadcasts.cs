using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Broadcasts: the composer's validation (BroadcastRules), the status changes (BroadcastService) and the reasons stored with a broadcast or a recipient.</summary>
    private LocalizedString[] BroadcastWordings() =>
    [
        L["Choose all, clients or leads."],
        // "At most {0} tags, each of 1 to 50 characters." is among the Inbox's wordings, before "At most {0} characters.".
        L["Give exactly one of messageText (free text) and template."],
        L["One of your templates (WhatsApp settings → Message templates)."],
        L["A value for {{{{{0}}}}} (it may be {1})."],
        L["Each value on one line, at most {0} characters."],
        L["A time in the future (or none, to start it yourself)."],
        L["It is {0}: only a draft or a scheduled broadcast starts."],
        L["It is {0}."],
        L["It is {0}: only a draft is scheduled."],
        L["It has no start time: start it now, or create it with scheduledAt."],
        L["Its start time has passed: start it now, or create it again with a later time."],
        L["It was started, scheduled or cancelled meanwhile."],
        L["A page number from 1."],

        // Why a broadcast is paused, started late, or a contact did not get it.
        L["Paused by you."],
        L["Cancelled by you."],
        L["Paused by the quality guard: {0} of the last {1} messages failed (more than {2}). WhatsApp restricts numbers whose messages often fail: check the reasons in the report, then resume."],
        L["Started late: it was due at {0} ({1}), while the service was not running."],
        L["Opted out: they wrote STOP."],
        L["They stopped marketing messages on WhatsApp (error 131050)."],
        L["Outside the 24-hour window: a free-text broadcast goes only to contacts who wrote in the last 24 hours; use an approved template to reach them."],
        L["No valid WhatsApp number."],
        L["A simulator conversation: broadcasts go only to WhatsApp contacts."],
        L["The broadcast's template was deleted from WhatsApp settings."],
        L["WhatsApp's marketing limit for this contact was reached (error {0}); trying again after {1} minutes."],
        L["WhatsApp's marketing limit for this contact was still reached after {0} tries (error {1}); not tried again. The number is fine: try them again in a few days, or once they write to you."],
        L["WhatsApp's marketing limit for this contact was still reached after {0} tries (error {1}); not tried again."], // as broadcasts before stored it
        L["WhatsApp's marketing limit for this contact was reached (error {0}); not tried again: the broadcast was cancelled."],
        L["WhatsApp's rate limit for this number was reached (error {0}); not tried again: the broadcast was cancelled."],
        L["Not tried again: the broadcast was cancelled."],
        L["No name known, and a variable of the template is only {{name}}: WhatsApp refuses an empty variable. Add their name, or give the variable more words."],
        L["WhatsApp did not deliver it."],
        L["Not sent."],
    ];
}
