using Consultant.Grains.Abstractions;
using Consultant.Grains.Interactive;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;

namespace Consultant.Grains.Flows;

/// <summary>
/// How a flow writes to the contact, always with origin <c>flow</c>: a question with options through
/// <see cref="InteractiveMessages"/> (buttons, a list, or numbered text), anything else as text through
/// <see cref="AutomatedMessageSender"/>. A turn answering a batch writes one message (the next question, asking again,
/// thanks, or the "the consultant answers you" acknowledgement), recorded under the batch before it is sent
/// (<see cref="BatchPartKey"/>), as an AI reply is: a batch resumed after a crash sends it only if Twilio has not
/// taken it yet. Whether it may write at all (STOP, the 24-hour window) the conversation decided before; counting
/// what went out is the conversation's too.
/// </summary>
public sealed class FlowMessages(InteractiveMessages interactive, AutomatedMessageSender automated, ReplyLedger ledger)
{
    /// <summary>The place of a turn's one message in the answer to its batch.</summary>
    private const int TurnMessage = 0;

    public async Task<FlowSent> QuestionAsync(FlowContact contact, InteractiveQuestion question, CancellationToken cancellationToken)
    {
        if (question.Options.Count == 0)
        {
            return await TextAsync(contact, question.Body, cancellationToken);
        }

        var sent = await interactive.SendAsync(contact.ConsultantId, contact.Address, question, cancellationToken, MessageOrigin.Flow, Key(contact));
        return sent.Value is { } value
            ? new FlowSent([value.Message], value.Problem)
            : new FlowSent([], sent.Errors.ToString()); // checked when the flow was saved; only a corrupt definition gets here
    }

    public async Task<FlowSent> TextAsync(FlowContact contact, string text, CancellationToken cancellationToken)
    {
        var sent = await automated.SendAsync(
            contact.ConsultantId, contact.Address, new AutomatedMessage(text, MessageOrigin.Flow), cancellationToken, Key(contact));
        return new FlowSent(sent.Message is { } message ? [message] : [], sent.Problem);
    }

    /// <summary>Whether an earlier attempt at this batch already recorded the turn's message (the batch is being resumed after a crash).</summary>
    public async Task<bool> RecordedBeforeAsync(FlowContact contact) =>
        contact.BatchId is { } batchId && (await ledger.GetReplyIntentsAsync(contact.ConsultantId, batchId)).Count > TurnMessage;

    private static BatchPartKey? Key(FlowContact contact) => contact.BatchId is { } batchId ? new BatchPartKey(batchId, TurnMessage) : null;
}
