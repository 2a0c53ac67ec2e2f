using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Inbound;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Twilio;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Inbox;

/// <summary>
/// A message the consultant writes by hand (free text, an approved template, or a file): stored first, so nothing is
/// lost when the send fails, then sent on the channel the contact wrote on. What waited for the AI counts as answered by it.
/// </summary>
public sealed class ConsultantMessageSender(
    InboundMessageStore inbound,
    ReplyLedger ledger,
    MediaRepository media,
    OutboundSender outbound,
    WhatsAppSenders senders,
    ChatMessageViews views,
    IGrainFactory grains,
    IOptions<MediaOptions> mediaOptions,
    IOptions<WhatsAppOptions> whatsApp,
    TimeProvider time)
{
    /// <summary>
    /// The consultant answers by hand: the inbound messages that waited for the AI count as answered (grouped as a
    /// batch of their own), and so does a batch a failure left in flight, so the AI does not answer them later.
    /// </summary>
    public async Task CountAsAnsweredAsync(Guid consultantId, IReadOnlyList<Guid> waiting, Guid? staleBatchId)
    {
        if (waiting.Count > 0)
        {
            var batchId = Guid.NewGuid();
            await inbound.AssignBatchAsync(consultantId, waiting, batchId);
            await inbound.MarkBatchHandledAsync(consultantId, batchId, time.GetUtcNow());
        }

        if (staleBatchId is { } stale)
        {
            await inbound.MarkBatchHandledAsync(consultantId, stale, time.GetUtcNow());
        }
    }

    public async Task<ConsultantSendResult> SendAsync(
        Guid consultantId, string phone, string text, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken)
    {
        var channel = MessageChannel.Of(phone);
        var now = time.GetUtcNow();
        var stored = await ledger.InsertConsultantMessageAsync(
            consultantId, phone, text, channel, now, attachment?.MessageId, numMedia: attachment is null ? 0 : 1);
        var mediaUrl = attachment is null ? null : await OfferAttachmentAsync(consultantId, channel, attachment, now);
        var settings = await grains.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
        var problem = await outbound.SendAsync(
            new OutboundMessage(consultantId, stored.Id, phone, text, channel, template, mediaUrl), senders.From(settings), cancellationToken);
        return new ConsultantSendResult(await views.FindAsync(consultantId, stored.Id) ?? stored, problem);
    }

    /// <summary>
    /// Records the attachment with a fresh link for Twilio to fetch it from: unguessable (256 random bits, only its
    /// hash stored) and expiring. The simulator needs no link.
    /// </summary>
    private async Task<Uri?> OfferAttachmentAsync(Guid consultantId, string channel, OutboundAttachment attachment, DateTimeOffset now)
    {
        var token = await media.RecordOutboundAsync(consultantId, attachment, now.AddMinutes(mediaOptions.Value.PublicLinkMinutes), now);
        return whatsApp.Value.PublicBaseUrl is { } baseUrl && channel == MessageChannel.WhatsApp
            ? MediaLinks.PublicUrl(baseUrl, token)
            : null;
    }
}
