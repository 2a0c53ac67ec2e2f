namespace Consultant.Grains.Interactive;

/// <summary>
/// WhatsApp's limits for interactive messages sent through Twilio's Content API in a session (no template approval),
/// and which format a question therefore takes.
/// </summary>
public static class InteractiveLimits
{
    /// <summary>Buttons of a <c>twilio/quick-reply</c> sent in a session.</summary>
    public const int MaxButtons = 3;

    public const int MaxButtonTitleLength = 20;

    /// <summary>Items of a <c>twilio/list-picker</c>.</summary>
    public const int MaxListItems = 10;

    public const int MaxListItemLength = 24;

    public const int MaxListDescriptionLength = 72;

    /// <summary>The button that opens a list.</summary>
    public const int MaxListButtonLength = 20;

    /// <summary>An option's id (its payload), for buttons and list items alike.</summary>
    public const int MaxIdLength = 200;

    public const int MaxBodyLength = 1024;

    /// <summary>Options of a question sent as numbered text (more than a list holds): still one readable message.</summary>
    public const int MaxNumberedOptions = 30;

    /// <summary>An option's text in a numbered list.</summary>
    public const int MaxNumberedTitleLength = 100;

    /// <summary>Buttons for up to 3 options, a list for up to 10, numbered text beyond.</summary>
    public static InteractiveFormat FormatFor(int optionCount) => optionCount switch
    {
        <= MaxButtons => InteractiveFormat.QuickReply,
        <= MaxListItems => InteractiveFormat.ListPicker,
        _ => InteractiveFormat.NumberedText,
    };
}
