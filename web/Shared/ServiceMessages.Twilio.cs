using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Twilio's answers in words: a send or a delivery that failed, the connection test.</summary>
    private LocalizedString[] TwilioWordings() =>
    [
        L["{0} (Twilio error {1}: {2}). {3}"],
        L["{0} (HTTP {1}: {2}). {3}"],
        L["{0} (Twilio error {1}). {2}"],
        L["Could not reach Twilio ({0}). Check this server's internet connection, then try again."],
        L["Connected to Twilio account \"{0}\" (status: {1})."],
        L["Save your Twilio Account SID and Auth Token first."],
        L["Twilio rejected the Account SID and Auth Token."],
        L["Copy both again from the Twilio console into WhatsApp settings."],
        L["Twilio does not know this Account SID."],
        L["Check the Account SID in WhatsApp settings."],
        L["This Twilio account is not active."],
        L["Reactivate it in the Twilio console."],
        L["Twilio is rate limiting this account."],
        L["Try again in a minute."],
        L["Twilio had an internal error."],
        L["Twilio refused the request."],
        L["Check your details in WhatsApp settings and in the Twilio console."],
        L["WhatsApp did not deliver the message."],
        L["Check the number and send it again later."],
        L["More than 24 hours since the contact last wrote: WhatsApp only accepts an approved template now."],
        L["Send one of your templates from the chat."],
        L["WhatsApp's rate limit for this number was reached."],
        L["Send the message again in a minute."],
        L["This is not a valid phone number."],
        L["Check the contact's number."],
        L["The contact has opted out (replied STOP) and cannot be messaged."],
        L["Wait until they write START."],
        L["WhatsApp could not download the attached media."],
        L["Check that WhatsApp:PublicBaseUrl is reachable from the internet, then send it again."],
        L["This number is not on WhatsApp, or cannot be reached through it."],
        L["Check the number, or contact them another way."],
        L["The contact cannot receive this message (their WhatsApp account is not eligible)."],
        L["Contact them another way."],
        L["The carrier or WhatsApp reported an unknown delivery error."],
        L["Send the message again later."],
        L["WhatsApp held this marketing message back: the contact has had as many marketing messages from businesses as WhatsApp allows for now."],
        L["The number is fine: send it again in a day or two, or once they write to you."],
        L["The contact stopped marketing messages from you on WhatsApp."],
        L["Send them no more marketing templates: write when they write to you."],
    ];
}
