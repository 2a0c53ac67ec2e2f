namespace Consultant.Grains.Abstractions;

/// <summary>
/// One WhatsApp conversation: a consultant and one contact. Keyed "{consultantId:N}/{contact address}" (see
/// <see cref="ConversationKey"/>), the address being the E.164 phone or, for a contact known only by a WhatsApp
/// username, the BSUID it first wrote from. Buffers a burst of inbound messages and answers it once.
/// </summary>
[Alias("Consultant.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Stores the message durably (deduplicated by MessageSid) before returning.</summary>
    [Alias("Receive")]
    Task<ReceiveOutcome> ReceiveAsync(InboundWhatsAppMessage message);

    /// <summary>Activates the conversation so an unanswered batch is picked up again (after a restart).</summary>
    [Alias("Wake")]
    Task WakeAsync();

    /// <summary>
    /// The consultant answers by hand, through the channel the contact last wrote on. Messages waiting for the AI
    /// count as answered, and an AI reply being prepared is cancelled.
    /// </summary>
    /// <param name="template">An approved template to send instead of free text (the only way after 24 hours); <paramref name="text"/> is then its rendered text, for the record.</param>
    [Alias("SendByConsultant")]
    /// <param name="attachment">A file to send with the text (already in the media store).</param>
    Task<ConsultantSendResult> SendByConsultantAsync(
        string text, string consultantName, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken);

    /// <summary>
    /// The system writes to the contact on its own, outside a reply (booking changes, follow-ups, broadcasts, flows):
    /// stored in the ledger with the message's origin, sent like any outbound message (retries, status callbacks) and
    /// shown live. It is not the consultant's answer: nothing waiting for the AI counts as answered, the AI is not
    /// interrupted and "needs reply" stays as it is. Not sent to a contact who wrote STOP, nor outside the 24-hour
    /// window without an approved template.
    /// </summary>
    [Alias("SendAutomated")]
    Task<AutomatedSendResult> SendAutomatedAsync(AutomatedMessage message, CancellationToken cancellationToken);

    /// <summary>Turns the AI on or off for this conversation, remembering who did it and when.</summary>
    [Alias("SetAiEnabled")]
    Task<ConversationView> SetAiEnabledAsync(bool enabled, string by);

    /// <summary>The consultant dealt with the conversation another way (or restarted a simulator preview): "needs reply" goes.</summary>
    [Alias("ClearNeedsReply")]
    Task<ConversationView> ClearNeedsReplyAsync();

    [Alias("MarkRead")]
    Task<ConversationView> MarkReadAsync();

    /// <summary>
    /// This address became an alias of <paramref name="conversationAddress"/>'s conversation (the contact wrote naming
    /// both): messages it receives from now on are that conversation's.
    /// </summary>
    [Alias("ForwardTo")]
    Task ForwardToAsync(string conversationAddress);

    /// <summary>Decides again whether the contact is a client or a lead (after the consultant linked it to a client).</summary>
    [Alias("RecogniseContact")]
    Task<ConversationView> RecogniseContactAsync();

    /// <summary>
    /// The consultant (or an administrator) changed what the AI answers with: the last batch the AI could not answer
    /// for want of a usable key is answered now, so its "needs reply" goes once the cause is fixed.
    /// </summary>
    [Alias("RetryAfterAiKeyFix")]
    Task RetryAfterAiKeyFixAsync();

    /// <summary>Something the dashboards show changed outside this grain (the contact's language): tells them again.</summary>
    [Alias("ShowAgain")]
    Task ShowAgainAsync();

    /// <summary>
    /// Starts a consultant's guided flow by hand (<paramref name="flowId"/>): its first question goes out now (not to
    /// a contact who wrote STOP, nor outside the 24-hour window), replacing a flow already running.
    /// </summary>
    [Alias("StartFlow")]
    Task<FlowStartResult> StartFlowAsync(Guid flowId, CancellationToken cancellationToken);

    /// <summary>Stops the guided flow running, if any; the AI answers again. Returns whether one was running.</summary>
    [Alias("StopFlow")]
    Task<bool> StopFlowAsync();

    /// <summary>Where the conversation is in a guided flow; null when none runs (an expired one counts as none).</summary>
    [Alias("GetFlow")]
    Task<FlowPosition?> GetFlowAsync();
}
