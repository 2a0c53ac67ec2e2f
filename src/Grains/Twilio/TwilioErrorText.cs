namespace Consultant.Grains.Twilio;

/// <summary>Twilio's error codes in words a consultant can act on: what happened, then what to do about it.</summary>
public static class TwilioErrorText
{
    /// <summary>The codes explained in their own words (any other gets the general words of its HTTP status).</summary>
    public static IReadOnlyList<int> KnownCodes { get; } =
        [20003, 20404, 20005, 20429, 63016, 63018, 21211, 21610, 63019, 63003, 63024, 30008, 131049, 63049, 131050];

    /// <summary>The connection test's answer when Twilio knows the account.</summary>
    public static string Connected(string? accountName, string status) => $"Connected to Twilio account \"{accountName}\" (status: {status}).";

    public const string NothingToTest = "Save your Twilio Account SID and Auth Token first.";

    public static string Describe(int httpStatus, int code, string? twilioMessage)
    {
        var (what, action) = Words(httpStatus, code);
        var detail = twilioMessage?.Trim().TrimEnd('.');
        return code > 0
            ? $"{what} (Twilio error {code}: {detail}). {action}"
            : $"{what} (HTTP {httpStatus}: {detail}). {action}";
    }

    /// <summary>
    /// The same without Twilio's own text, which can quote the contact's number or the message: what a log may hold.
    /// </summary>
    public static string DescribeForLog(int httpStatus, int code)
    {
        var (what, _) = Words(httpStatus, code);
        return code > 0 ? $"{what} (Twilio error {code})" : $"{what} (HTTP {httpStatus})";
    }

    private static (string What, string Action) Words(int httpStatus, int code) =>
        code switch
        {
            20003 => ("Twilio rejected the Account SID and Auth Token.", "Copy both again from the Twilio console into WhatsApp settings."),
            20404 => ("Twilio does not know this Account SID.", "Check the Account SID in WhatsApp settings."),
            20005 => ("This Twilio account is not active.", "Reactivate it in the Twilio console."),
            20429 => ("Twilio is rate limiting this account.", "Try again in a minute."),
            _ when WhatsAppReason(code) is { } reason => reason,
            _ when httpStatus >= 500 => ("Twilio had an internal error.", "Try again in a minute."),
            _ => ("Twilio refused the request.", "Check your details in WhatsApp settings and in the Twilio console."),
        };

    /// <summary>Why a WhatsApp message was not delivered, from the error code of a status callback.</summary>
    public static string DescribeDelivery(int code)
    {
        var (what, action) = WhatsAppReason(code) ?? ("WhatsApp did not deliver the message.", "Check the number and send it again later.");
        return $"{what} (Twilio error {code}). {action}";
    }

    /// <summary>Twilio could not be reached at all (network, DNS, TLS).</summary>
    public static string Unreachable(string detail) =>
        $"Could not reach Twilio ({detail.TrimEnd('.')}). Check this server's internet connection, then try again.";

    /// <summary>The codes a consultant meets when messaging on WhatsApp: what happened and what to do.</summary>
    private static (string What, string Action)? WhatsAppReason(int code) => code switch
    {
        63016 => ("More than 24 hours since the contact last wrote: WhatsApp only accepts an approved template now.",
            "Send one of your templates from the chat."),
        63018 => ("WhatsApp's rate limit for this number was reached.", "Send the message again in a minute."),
        21211 => ("This is not a valid phone number.", "Check the contact's number."),
        21610 => ("The contact has opted out (replied STOP) and cannot be messaged.", "Wait until they write START."),
        63019 => ("WhatsApp could not download the attached media.", "Check that WhatsApp:PublicBaseUrl is reachable from the internet, then send it again."),
        63003 => ("This number is not on WhatsApp, or cannot be reached through it.", "Check the number, or contact them another way."),
        63024 => ("The contact cannot receive this message (their WhatsApp account is not eligible).", "Contact them another way."),
        30008 => ("The carrier or WhatsApp reported an unknown delivery error.", "Send the message again later."),
        // Meta's per-user marketing limit (Twilio's own code for it is 63049): nothing is wrong with the number, only
        // the moment; a follow-up or a broadcast tries again by itself, and this is what is left after its last try.
        131049 or 63049 => (
            "WhatsApp held this marketing message back: the contact has had as many marketing messages from businesses as WhatsApp allows for now.",
            "The number is fine: send it again in a day or two, or once they write to you."),
        131050 => ("The contact stopped marketing messages from you on WhatsApp.", "Send them no more marketing templates: write when they write to you."),
        _ => null,
    };
}
