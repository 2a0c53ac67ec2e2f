using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

/// <summary>
/// The services in src/Grains write their validation messages in English (the API's problem details keep them so).
/// The dashboard shows them in its own language: each message is matched against the English wordings below, where
/// "{0}" stands for what the service put in (a number, what was typed), and written again in the page's language.
/// A test reads the services' sources and checks every message they can write for these pages is here; an unknown
/// one stays English rather than disappear.
/// </summary>
public sealed class ServiceMessages(IStringLocalizer<SharedText> L)
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Each wording once; its <c>Name</c> is the English the service writes, its <c>Value</c> the page's language.</summary>
    private LocalizedString[] Known() =>
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

    /// <summary>Every field's messages in the page's language.</summary>
    public IDictionary<string, string[]> Translate(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.Select(Translate).ToArray(), StringComparer.Ordinal);

    /// <summary>The message in the page's language; unchanged when it is not one of the known wordings.</summary>
    public string Translate(string message) => TryTranslate(message, out var translated) ? translated : message;

    public bool TryTranslate(string message, out string translated)
    {
        foreach (var known in Known())
        {
            var match = Patterns.GetOrAdd(known.Name, PatternOf).Match(message);
            if (match.Success)
            {
                var values = match.Groups.Cast<Group>().Skip(1).OrderBy(group => group.Name, StringComparer.Ordinal)
                    .Select(group => (object)group.Value).ToArray();
                translated = string.Format(CultureInfo.CurrentCulture, known.Value, values);
                return true;
            }
        }

        translated = message;
        return false;
    }

    /// <summary>"The number {0} is …" as ^The\ number\ (?&lt;p0&gt;.+?)\ is\ …$.</summary>
    private static Regex PatternOf(string english)
    {
        var escaped = Regex.Escape(english);
        var pattern = Regex.Replace(escaped, @"\\\{(?<index>\d)}", match => $"(?<p{match.Groups["index"].Value}>.+?)");
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
