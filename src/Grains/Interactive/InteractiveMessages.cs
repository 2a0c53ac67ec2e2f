using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Twilio;

namespace Consultant.Grains.Interactive;

/// <summary>
/// Sends an interactive question to a conversation: the entry point guided flows call, in the conversation's turn.
/// Checked against WhatsApp's limits first (a refusal names the option); on WhatsApp it goes as buttons or a list
/// through a cached Content SID (<see cref="InteractiveContents"/>), or as numbered text when there are more options
/// than a list holds or the Content API could not be used; in the simulator its options are shown as buttons. Recorded
/// before it is sent, with its origin and options; the dashboards are told.
/// </summary>
public sealed class InteractiveMessages(
    InteractiveContents contents,
    ReplyLedger ledger,
    OutboundSender outbound,
    WhatsAppSenders senders,
    ChatMessageViews views,
    IGrainFactory grains,
    TimeProvider time)
{
    /// <summary>No variables: the question's text is the content itself.</summary>
    private const string NoVariables = "{}";

    /// <param name="conversationAddress">The conversation's contact address (its grain key's second part: a phone, or a simulated one).</param>
    /// <param name="origin">The <see cref="MessageOrigin"/> the analytics count it under; a flow's by default.</param>
    /// <param name="key">Its place in the answer to a batch (a flow's step): recorded once; one an earlier attempt sent is not sent again.</param>
    public async Task<Result<InteractiveSendResult>> SendAsync(
        Guid consultantId, string conversationAddress, InteractiveQuestion question, CancellationToken cancellationToken,
        string origin = MessageOrigin.Flow, BatchPartKey? key = null)
    {
        var errors = InteractiveQuestionRules.Validate(question);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var channel = MessageChannel.Of(conversationAddress);
        var sender = channel == MessageChannel.WhatsApp
            ? senders.From(await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync())
            : null;
        var contentSid = sender is not null && question.Format != InteractiveFormat.NumberedText
            ? await contents.ContentSidAsync(consultantId, sender.Credentials, question, cancellationToken)
            : null;
        var sentAs = contentSid is not null || channel == MessageChannel.Simulator ? question.Format : InteractiveFormat.NumberedText;
        var body = sentAs == InteractiveFormat.NumberedText ? NumberedOptions.Render(question) : question.Body.Trim();

        // A list's button as Twilio gets it (InteractiveContent), so the simulator shows the contact the same words.
        var listButton = sentAs == InteractiveFormat.ListPicker ? question.ListButtonText : null;
        var (recorded, sent) = await ledger.RecordAutomatedMessageAsync(
            consultantId, conversationAddress, body, origin, channel, time.GetUtcNow(), key, question.Options, listButton);
        string? problem = null;
        if (!sent)
        {
            // A question an earlier attempt recorded goes as it was recorded (numbered text stays numbered text).
            var template = contentSid is null || recorded.Body != body ? null : new OutboundTemplate(contentSid, NoVariables);
            problem = await outbound.SendAsync(
                new OutboundMessage(consultantId, recorded.Id, conversationAddress, recorded.Body, channel, template), sender, cancellationToken);
        }

        var id = recorded.Id;
        var message = await views.FindAsync(consultantId, id) ?? throw new InvalidOperationException("The question just recorded is gone.");
        // One-way, as every dashboard event: a page that misses it reloads the messages.
        grains.GetGrain<IConsultantEventsGrain>(consultantId).PublishAsync(
            new DashboardEvent(consultantId, DashboardEventNames.MessageSent, message, null)).Ignore();
        return new InteractiveSendResult(message, sentAs, problem);
    }
}
