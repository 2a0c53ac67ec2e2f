namespace Consultant.Grains.Hooks;

/// <summary>
/// Where a capability (the contact's language, guided flows, booking, follow-ups, broadcasts) joins a conversation
/// without editing <see cref="ConversationGrain"/>. Register one with
/// <see cref="ConversationHookRegistration.AddConversationHook{THook}"/>; every moment has a do-nothing default, so a
/// hook implements only the ones it needs. Hooks run one after another in the order registered, inside the
/// conversation's turn (the delivery-status service's for status changes): keep them short. A hook that throws is
/// logged and skipped; the message, the reply and the status are already stored by then.
/// </summary>
public interface IConversationHook
{
    /// <summary>An inbound message was stored for the first time (a redelivered duplicate never gets here).</summary>
    Task MessageStoredAsync(StoredInboundMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A batch (the messages of one burst) is about to be answered, by the AI or with an opt-out confirmation.</summary>
    Task BeforeAnswerAsync(AnsweringBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A reply went to Twilio (or the simulator): the assistant's parts of a batch, or the consultant's message.</summary>
    Task ReplySentAsync(SentReply reply, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// An outbound message's status moved forward (status callback or polling). WhatsApp's refusals arrive here, not in
    /// the send's response: the marketing limit (131049/63049) and a contact who stopped marketing (131050).
    /// </summary>
    Task DeliveryStatusChangedAsync(DeliveryStatusChange change, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The consultant took the conversation over or gave it back. Runs before the dashboards are told, so what a page
    /// reads again on that event (the chat's next follow-up) already follows the switch.
    /// </summary>
    Task AiSwitchedAsync(AiSwitch change, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The conversation needs the consultant's reply now (a batch settled needing it), or no longer (they marked it
    /// handled). Runs before the dashboards are told, as <see cref="AiSwitchedAsync"/> does, so what a page reads again
    /// on that event (the chat's next follow-up, held for that reply) already follows it.
    /// </summary>
    Task NeedsReplyChangedAsync(NeedsReplyChanged change, CancellationToken cancellationToken) => Task.CompletedTask;
}
