namespace Consultant.Grains.Messages;

/// <summary>
/// Who or what wrote an outbound message (the <c>messages.origin</c> column; NULL for inbound). Every write path of an
/// outbound message sets one, so statistics count AI, consultant and automated messages apart from day one. The
/// API's <c>sender</c> stays as it is.
/// </summary>
public static class MessageOrigin
{
    /// <summary>The AI's reply to a batch.</summary>
    public const string Ai = "ai";

    /// <summary>Written by the consultant: free text, a template or a file.</summary>
    public const string Consultant = "consultant";

    public const string FollowUp = "followup";

    public const string Broadcast = "broadcast";

    /// <summary>A guided flow's step, answering instead of the AI.</summary>
    public const string Flow = "flow";

    /// <summary>What the assistant writes by rule: STOP/START and booking confirmations.</summary>
    public const string System = "system";

    /// <summary>Sent without the contact asking just then: what "reply to automation" and the automated count are about.</summary>
    public static readonly IReadOnlyList<string> Automated = [FollowUp, Broadcast, Flow];
}
