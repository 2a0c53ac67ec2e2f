using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Inbox;

/// <summary>
/// A contact who wrote STOP gets a message by hand only when the consultant confirms it: the service refuses a send
/// without the confirmation (in English, for the API), and the dashboard asks for it before sending by this rule, in
/// its own language (web/Inbox/OptedOutDialog).
/// </summary>
public static class OptedOutConfirmation
{
    /// <summary>The request's field that carries the confirmation, named in the refusal.</summary>
    public const string Field = "confirmOptedOut";

    public const string Refusal = "This contact opted out (wrote STOP). Confirm to write to them anyway.";

    /// <summary>Whether a message by hand to this contact needs the consultant's confirmation first.</summary>
    public static bool IsNeeded(ConversationView conversation) => conversation.OptedOut;

    /// <summary>Whether a send is refused: the contact opted out and the consultant did not confirm.</summary>
    public static bool Refuses(ConversationView conversation, bool confirmed) => IsNeeded(conversation) && !confirmed;
}
