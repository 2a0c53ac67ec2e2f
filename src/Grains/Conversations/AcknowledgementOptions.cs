namespace Consultant.Grains.Conversations;

/// <summary>
/// What a webhook's acknowledgement waits for (issue 20's levers, each switched off to measure it). Neither weakens a
/// guarantee: acknowledged still means stored, and each burst is still answered once.
/// </summary>
public sealed class AcknowledgementOptions
{
    public const string Section = "Acknowledgement";

    /// <summary>
    /// The conversations list row is written just after the acknowledgement, not before it (several owed at once are
    /// written once). Should that write fail or the silo die first, the batch's settle or the recovery sweep's wake
    /// writes it. False: the acknowledgement waits for it (when a burst starts or the opt-out changes). The simulator's
    /// messages always wait for it: their caller, the dashboard, opens the conversation next.
    /// </summary>
    public bool ListRowAfterAcknowledgement { get; set; } = true;

    /// <summary>
    /// The capabilities are told of a stored message (the hooks: follow-ups, funnel, language, broadcasts) just after
    /// the acknowledgement, in the order the messages came; the answering loop waits for them, so the reply still speaks
    /// the language they decided. Should the silo die first, the activation that takes the message back from the table
    /// tells them then (each hook is idempotent). False: the acknowledgement waits for them.
    /// </summary>
    public bool HooksAfterAcknowledgement { get; set; } = true;

    /// <summary>
    /// The pending buffer is the <c>messages</c> table (inbound rows not yet handled): the acknowledgement waits for
    /// the message row only, not for the conversation's grain state; an activation, the debounce and the recovery
    /// sweep take from the table what the state does not hold. False: the acknowledgement also writes the state with
    /// the message in its buffer.
    /// </summary>
    public bool MessagesTableIsTheBuffer { get; set; } = true;
}
