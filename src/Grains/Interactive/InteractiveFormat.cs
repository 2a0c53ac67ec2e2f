namespace Consultant.Grains.Interactive;

/// <summary>How an interactive question reaches the contact.</summary>
public enum InteractiveFormat
{
    /// <summary>Twilio's <c>twilio/quick-reply</c>: up to 3 buttons in a session message.</summary>
    QuickReply,

    /// <summary>Twilio's <c>twilio/list-picker</c>: a button that opens a list of up to 10 items (session only).</summary>
    ListPicker,

    /// <summary>The options as a numbered text list; the contact answers with the number or the text.</summary>
    NumberedText,
}
