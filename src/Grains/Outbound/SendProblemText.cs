namespace Consultant.Grains.Outbound;

/// <summary>Why a message did not go out, as stored on the conversation's "needs reply" (the dashboard translates it).</summary>
public static class SendProblemText
{
    public const string NotConfigured =
        "WhatsApp is not configured, so nothing can be sent: save your Twilio details in WhatsApp settings, or use the Simulator.";

    public const string OptedOut = "Not sent: the contact opted out (STOP).";

    public const string OutsideWindow =
        "Not sent: outside the 24-hour window. Only an approved template can reach the contact until they write again.";

    /// <param name="reason">Twilio's refusal in words (<see cref="Twilio.TwilioErrorText"/>).</param>
    public static string CouldNotSend(string reason) => $"The message could not be sent: {reason}";
}
