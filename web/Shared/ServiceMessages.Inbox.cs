using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>The Conversations page and the simulator: messages by hand, templates, tags, linking contacts, the contact's language.</summary>
    private LocalizedString[] InboxWordings() =>
    [
        L["Write a message."],
        L["At most {0} tags, each of 1 to 50 characters."], // the broadcast composer's tags: before the wording below, which would take it
        L["At most {0} characters."],
        L["More than 24 hours since the contact last wrote: WhatsApp only accepts an approved template now, so nothing was sent. Send one of your templates instead."],
        L["This contact opted out (wrote STOP). Confirm to write to them anyway."],
        L["Twilio fetches attachments from this server: set WhatsApp:PublicBaseUrl to its public address first."],
        L["Only images (JPEG, PNG, WebP), PDFs, audio (ogg, mp3, m4a, amr) and mp4 videos can be sent."],
        L["No such template: add it in the WhatsApp settings first."],
        L["A value for {{{{{0}}}}}."],
        L["Each value has at most {0} characters."],
        L["WhatsApp refuses values with line breaks, tabs or more than three spaces in a row."],
        L["At most {0} tags."],
        L["A tag has at most {0} characters."],
        L["The lead's number is required. {0}"],
        L["'{0}' is not a valid phone number. {1}"],
        L["Use the international format with country code (e.g. {0}), or a number of your default country ({1}, on the Account settings page)."],
        L["This contact is already one of your clients: open their page from the chat header."],
        L["This contact writes from {0}: a client added from this chat has that number."],
        L["Another of your clients already has this number: link this contact to that client instead."],
        L["{0} is already one of your clients: this conversation is theirs now."],
        L["Which client this contact is."],
        L["This contact writes from {0}, not from {1}'s number {2}: a contact with a phone number is recognised by that number. Change the client's phone if it is theirs."],
        L["The contact's language is {0}, or null for automatic."],
        L["A name of 1 to {0} characters."],
        L["The template's Content SID from the Twilio console: HX followed by 32 hexadecimal characters."],
        L["The template's text (1 to {0} characters), with {{{{1}}}}, {{{{2}}}}... where it has variables."],
        L["You already have a template with this name."],
        L["This key was already used for a different request: use a new key for each message."],
        L["A request with this key is still being sent: wait for its answer instead of sending again."],
    ];
}
