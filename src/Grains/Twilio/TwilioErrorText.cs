namespace Consultant.Grains.Twilio;

/// <summary>Twilio's error codes in words a consultant can act on.</summary>
public static class TwilioErrorText
{
    public static string Describe(int httpStatus, int code, string? twilioMessage) =>
        code > 0
            ? $"{Words(httpStatus, code)} (Twilio error {code}: {twilioMessage})"
            : $"{Words(httpStatus, code)} (HTTP {httpStatus}: {twilioMessage})";

    /// <summary>
    /// The same without Twilio's own text, which can quote the contact's number or the message: what a log may hold.
    /// </summary>
    public static string DescribeForLog(int httpStatus, int code) =>
        code > 0 ? $"{Words(httpStatus, code)} (Twilio error {code})" : $"{Words(httpStatus, code)} (HTTP {httpStatus})";

    private static string Words(int httpStatus, int code) =>
        code switch
        {
            20003 => "Twilio rejected the Account SID and Auth Token. Copy both again from the Twilio console.",
            20404 => "Twilio does not know this Account SID.",
            20005 => "This Twilio account is not active.",
            20429 => "Twilio is rate limiting this account. Try again in a minute.",
            _ when WhatsAppReason(code) is { } reason => reason,
            _ when httpStatus >= 500 => "Twilio had an internal error. Try again in a minute.",
            _ => "Twilio refused the request.",
        };

    /// <summary>Why a WhatsApp message was not delivered, from the error code of a status callback.</summary>
    public static string DescribeDelivery(int code) =>
        (WhatsAppReason(code) ?? "WhatsApp did not deliver the message.") + $" (Twilio error {code})";

    /// <summary>The codes a consultant meets when messaging on WhatsApp, in words they can act on.</summary>
    private static string? WhatsAppReason(int code) => code switch
    {
        63016 => "More than 24 hours since the contact last wrote: WhatsApp only accepts an approved template now.",
        63018 => "WhatsApp's rate limit for this number was reached; the message can be sent again shortly.",
        21211 => "This is not a valid phone number.",
        21610 => "The contact has opted out (replied STOP) and cannot be messaged.",
        63019 => "WhatsApp could not download the attached media.",
        63003 => "This number is not on WhatsApp, or cannot be reached through it.",
        63024 => "The contact cannot receive this message (their WhatsApp account is not eligible).",
        30008 => "The carrier or WhatsApp reported an unknown delivery error.",
        _ => null,
    };
}
