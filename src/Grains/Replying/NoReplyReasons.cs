namespace Consultant.Grains.Replying;

/// <summary>Why the assistant did not answer by the consultant's own choice, as stored on the conversation's "needs reply".</summary>
public static class NoReplyReasons
{
    public const string OptedOut =
        "The contact opted out (wrote STOP): no automatic replies until they write START. Reply by hand only if they asked you to.";

    public const string Paused = "The WhatsApp integration is paused: switch Active on in WhatsApp settings, or reply by hand.";

    public const string AutoResponseOff = "Auto Response is off: reply by hand, or switch Auto Response on in WhatsApp settings.";

    public const string AiOff = "The AI is off for this conversation: reply by hand, or switch \"AI answers\" on in the chat's header.";

    public const string AskedForYou = "The contact asked to talk to you (they were told you will answer): reply by hand.";
}
