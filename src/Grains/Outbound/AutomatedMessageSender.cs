using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;
using Consultant.Grains.Twilio;

namespace Consultant.Grains.Outbound;

/// <summary>
/// A message the system sends on its own (<see cref="AutomatedMessage"/>): stored first with its origin, then sent on
/// the conversation's channel through <see cref="OutboundSender"/> (retries, status callbacks), like every message.
/// Whether it may go out at all (STOP, the 24-hour window) is the conversation's to decide before calling this.
/// </summary>
public sealed class AutomatedMessageSender(
    ReplyLedger ledger, OutboundSender outbound, WhatsAppSenders senders, MessageQueries messages, IGrainFactory grains, TimeProvider time)
{
    /// <summary>The origins an automated message may have (not the AI's, not the consultant's).</summary>
    public static readonly IReadOnlyList<string> Origins = [MessageOrigin.System, .. MessageOrigin.Automated];

    /// <param name="key">Its place in the answer to a batch (a flow's step): recorded once; one an earlier attempt sent is not sent again.</param>
    public async Task<AutomatedSendResult> SendAsync(
        Guid consultantId, string phone, AutomatedMessage message, CancellationToken cancellationToken, BatchPartKey? key = null)
    {
        var channel = MessageChannel.Of(phone);
        var (stored, sent) = await ledger.RecordAutomatedMessageAsync(
            consultantId, phone, message.Text, message.Origin, channel, time.GetUtcNow(), key, replaces: message.Replaces);
        if (sent)
        {
            return new AutomatedSendResult(AutomatedSendOutcome.Sent, stored, null);
        }

        var settings = await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
        var problem = await outbound.SendAsync(
            new OutboundMessage(consultantId, stored.Id, phone, stored.Body, channel, message.Template), senders.From(settings), cancellationToken);
        var view = await messages.FindViewAsync(consultantId, stored.Id) ?? stored;
        return new AutomatedSendResult(problem is null ? AutomatedSendOutcome.Sent : AutomatedSendOutcome.Failed, view, problem);
    }
}
