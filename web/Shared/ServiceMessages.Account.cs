using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>The account, sign-up, password and WhatsApp settings pages.</summary>
    private LocalizedString[] AccountWordings() =>
    [
        // Accounts: register, change password.
        L["A valid e-mail address is required."],
        L["The e-mail address can have at most {0} characters."],
        L["A name is required."],
        L["The name can have at most {0} characters."],
        L["The password needs at least {0} characters."],
        L["The password can have at most {0} characters."],
        L["Enter your current password."],
        L["The new password must differ from the current one."],
        L["The current password is wrong."],
        L["An account with this e-mail already exists. Sign in instead."],

        // Account settings.
        L["'{0}' is not an IANA time zone; choose one such as Europe/Rome or America/New_York."],
        L["The dashboard language is 'it' (Italian) or 'en' (English)."],
        L["'{0}' is not a country code for phone numbers; use two letters such as IT, ES or US."],

        // WhatsApp settings: Twilio, AI, the AI's texts.
        L["The Account SID starts with AC followed by 32 hexadecimal characters (see the Twilio console)."],
        L["The WhatsApp number is in E.164 format: + and 10 to 15 digits, e.g. +14155238886 (a whatsapp: prefix is accepted)."],
        L["The Auth Token looks wrong: copy the 32 characters shown in the Twilio console."],
        L["The Auth Token is required the first time you save."],
        L["The mode is \"webhook\" or \"polling\"."],
        L["The number {0} is already connected to another consultant's account."],
        L["The AI API key can have at most {0} characters."],
        L["An AI API key has no spaces: copy it again from your AI provider (Google AI Studio for Gemini)."],
        L["Save your AI API key first: leads are answered with your own key only when one is saved."],
        L["The persona can have at most {0} characters."],
        L["The acquisition script can have at most {0} characters."],

        // The AI key pool (administrators).
        L["An API key is required: copy it from your AI provider (Google AI Studio for Gemini)."],
        L["The label can have at most {0} characters."],
        L["The daily quota is a whole number of requests from 1 to {0}; leave it empty for no quota."],
    ];
}
