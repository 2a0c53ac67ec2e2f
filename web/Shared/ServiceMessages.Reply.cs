using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

public sealed partial class ServiceMessages
{
    /// <summary>Why a conversation needs the consultant's reply: the AI, the shared keys' quota, the consultant's switches, a send.</summary>
    private LocalizedString[] ReplyWordings() =>
    [
        L["No AI key for your clients: add your AI API key in WhatsApp settings (AI section), or reply by hand."],
        L["No AI key for leads: the shared key pool is empty or every key is resting after a rate limit. Ask an administrator to add pool keys, or save your own AI key in WhatsApp settings and switch on \"Answer leads with my own AI key\"."],
        L["No AI key for leads: \"Answer leads with my own AI key\" is on but no key is saved. Add your AI API key in WhatsApp settings, or switch that setting off to use the shared keys."],
        L["The AI service rejected your AI key (HTTP {0}). Save a valid key in WhatsApp settings (AI section), or reply by hand."],
        L["The AI service rejected a shared key (HTTP {0}). Ask an administrator to replace it, or reply by hand."],
        L["Every shared AI key is resting after a rate limit ({0}). Reply by hand, or save your own AI key in WhatsApp settings and switch on \"Answer leads with my own AI key\"."],
        L["The AI service answered HTTP {0}."],
        L["The AI service could not be reached (no connection to it)"],
        L["no answer"],
        L["The AI did not answer after {0} attempts ({1}). Reply by hand; new messages are answered once the AI service is back."],
        L["The shared AI keys answer at most {0} messages a day until your WhatsApp is connected. To go on: connect WhatsApp in WhatsApp settings (the Twilio connection test must pass), or add your own AI API key there; or reply by hand."],
        L["The contact opted out (wrote STOP): no automatic replies until they write START. Reply by hand only if they asked you to."],
        L["The WhatsApp integration is paused: switch Active on in WhatsApp settings, or reply by hand."],
        L["Auto Response is off: reply by hand, or switch Auto Response on in WhatsApp settings."],
        L["The AI is off for this conversation: reply by hand, or switch \"AI answers\" on in the chat's header."],
        L["The contact asked to talk to you (they were told you will answer): reply by hand."],
        L["WhatsApp is not configured, so nothing can be sent: save your Twilio details in WhatsApp settings, or use the Simulator."],
        L["Not sent: the contact opted out (STOP)."],
        L["Not sent: outside the 24-hour window. Only an approved template can reach the contact until they write again."],
        L["The message could not be sent: {0}"],
    ];
}
