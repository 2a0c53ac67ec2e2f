using Consultant.Grains.Abstractions;
using Consultant.Grains.Interactive;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;

namespace Consultant.Grains.Flows;

/// <summary>
/// How a flow writes to the contact, always with origin <c>flow</c>: a question with options through
/// <see cref="InteractiveMessages"/> (buttons, a list, or numbered text), anything else as text through
/// <see cref="AutomatedMessageSender"/>. Whether it may write at all (STOP, the 24-hour window) the conversation
/// decided before; counting what went out is the conversation's too.
/// </summary>
public sealed class FlowMessages(InteractiveMessages interactive, AutomatedMessageSender automated)
{
    public async Task<FlowSent> QuestionAsync(FlowContact contact, InteractiveQuestion question, CancellationToken cancellationToken)
    {
        if (question.Options.Count == 0)
        {
            return await TextAsync(contact, question.Body, cancellationToken);
        }

        var sent = await interactive.SendAsync(contact.ConsultantId, contact.Address, question, cancellationToken, MessageOrigin.Flow);
        return sent.Value is { } value
            ? new FlowSent([value.Message], value.Problem)
            : new FlowSent([], sent.Errors.ToString()); // checked when the flow was saved; only a corrupt definition gets here
    }

    public async Task<FlowSent> TextAsync(FlowContact contact, string text, CancellationToken cancellationToken)
    {
        var sent = await automated.SendAsync(contact.ConsultantId, contact.Address, new AutomatedMessage(text, MessageOrigin.Flow), cancellationToken);
        return new FlowSent(sent.Message is { } message ? [message] : [], sent.Problem);
    }
}
