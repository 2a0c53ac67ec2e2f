namespace Consultant.Grains.Twilio;

/// <summary>Twilio's error codes in words a consultant can act on.</summary>
public static class TwilioErrorText
{
    public static string Describe(int httpStatus, int code, string? twilioMessage)
    {
        var words = code switch
        {
            20003 => "Twilio rejected the Account SID and Auth Token. Copy both again from the Twilio console.",
            20404 => "Twilio does not know this Account SID.",
            20005 => "This Twilio account is not active.",
            20429 => "Twilio is rate limiting this account. Try again in a minute.",
            _ when httpStatus >= 500 => "Twilio had an internal error. Try again in a minute.",
            _ => "Twilio refused the request.",
        };
        return code > 0
            ? $"{words} (Twilio error {code}: {twilioMessage})"
            : $"{words} (HTTP {httpStatus}: {twilioMessage})";
    }
}
