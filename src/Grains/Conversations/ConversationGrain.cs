using Consultant.Grains.Abstractions;
using Consultant.Grains.Clients;
using Consultant.Grains.Media;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

/// <summary>
/// One conversation. Inbound messages are stored and buffered; a one-shot timer, re-armed by every message,
/// answers the whole burst once. The timer callback interleaves (<c>Interleave = true</c>) so webhooks are
/// acknowledged while the AI is thinking; state writes are serialised by <see cref="saving"/>.
/// Timers die with a silo: the recovery sweep (<see cref="IRecoverySweepGrain"/>, driven by a reminder) wakes a
/// conversation whose messages stay unhandled, and <see cref="OnActivateAsync"/> re-arms the timer.
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain(
    [PersistentState("conversation", StorageNames.Grains)] IPersistentState<ConversationState> state,
    MessageRepository messages,
    ConversationRepository conversations,
    ClientRepository clients,
    BatchReplier replier,
    OutboundSender outbound,
    WhatsAppSenders senders,
    MediaRepository media,
    ChatMessageViews views,
    IOptions<MediaOptions> mediaOptions,
    IOptions<WhatsAppOptions> options,
    TimeProvider time,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim saving = new(1, 1);
    private IGrainTimer? debounceTimer;
    private bool answering;
    private CancellationTokenSource? takeOver; // cancelled when the consultant answers while the AI is preparing a reply
    private Guid consultantId;
    private string phone = string.Empty;

    private ConversationState State => state.State;

    private bool HasWork => State.Pending.Count > 0 || State.InFlight is not null;

    private TimeSpan Debounce => TimeSpan.FromSeconds(options.Value.DebounceSeconds);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (consultantId, phone) = ConversationKey.Parse(this.GetPrimaryKeyString());
        if (HasWork)
        {
            ArmTimer(State.InFlight is not null ? TimeSpan.Zero : DueAfterLastPending());
        }

        return Task.CompletedTask;
    }

    public async Task<ReceiveOutcome> ReceiveAsync(InboundWhatsAppMessage message)
    {
        if (!State.Initialized)
        {
            var client = await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone));
            (State.IsLead, State.ClientId, State.ClientName, State.Initialized) = (client is null, client?.Id, client?.Name, true);
        }

        var (row, inserted) = await messages.InsertInboundAsync(
            consultantId, phone, State.IsLead ? MessageSender.Lead : MessageSender.Client, message.Body, message.MessageSid,
            Math.Max(message.NumMedia, message.Media.Count), message.ProfileName, message.WaId, message.ReceivedAt, MessageChannel.Of(phone));
        var alreadyBuffered = State.Pending.Any(p => p.MessageId == row.Id) || State.InFlight?.MessageIds.Contains(row.Id) == true;
        if (!inserted && (row.BatchId is not null || alreadyBuffered))
        {
            return ReceiveOutcome.Duplicate;
        }

        // Not inserted but not buffered either: a previous attempt stored the row and failed before this point.
        var mediaIds = await media.RecordInboundAsync(consultantId, row.Id, message.Media, time.GetUtcNow());
        var burstStarts = State.Pending.Count == 0;
        var optOutChanged = inserted && ApplyOptOutKeyword(message.Body);

        State.Pending.Add(new PendingMessage { MessageId = row.Id, ReceivedAt = time.GetUtcNow() });
        if (inserted)
        {
            State.MessageCount++;
            State.UnreadByConsultant++;
            State.LastMessageAt = State.LastInboundAt = message.ReceivedAt;
            State.DisplayName = message.ProfileName ?? State.DisplayName;
            State.LastPreview = Preview(message.Body, message.Media.FirstOrDefault()?.ContentType ?? (message.NumMedia > 0 ? "" : null));
        }

        // The list view is refreshed when a burst starts and when it is answered, not on every message (and at
        // once on STOP, so a consultant writing by hand is asked to confirm).
        await SaveAsync(updateListView: burstStarts || optOutChanged);

        if (!answering)
        {
            ArmTimer(DueAfterLastPending());
        }

        StartMediaProcessing(mediaIds);
        if (inserted)
        {
            var view = new ChatMessageView(
                row.Id, ConversationId, phone, row.Direction, row.Sender, row.Body, row.Status, message.NumMedia, row.Channel, null, row.CreatedAt);
            Publish(DashboardEventNames.NewMessage, mediaIds.Count == 0 ? view : (await views.WithMediaAsync(consultantId, [view]))[0]);
            Publish(DashboardEventNames.ConversationUpdated);
        }

        return inserted ? ReceiveOutcome.Accepted : ReceiveOutcome.Duplicate;
    }

    public async Task<ConsultantSendResult> SendByConsultantAsync(
        string text, string consultantName, OutboundTemplate? template, OutboundAttachment? attachment, CancellationToken cancellationToken)
    {
        var channel = MessageChannel.Of(phone);
        await HandOverWaitingMessagesAsync();
        await SaveAsync(updateListView: false); // answered by hand: even if the send fails, the AI must not answer them later

        var now = time.GetUtcNow();
        var stored = await messages.InsertConsultantMessageAsync(
            consultantId, phone, text, channel, now, attachment?.MessageId, numMedia: attachment is null ? 0 : 1);
        var mediaUrl = attachment is null ? null : await OfferAttachmentAsync(attachment, now);
        var settings = await GrainFactory.GetGrain<IConsultantGrain>(consultantId).GetReplySettingsAsync();
        var problem = await outbound.SendAsync(
            new OutboundMessage(consultantId, stored.Id, phone, text, channel, template, mediaUrl), senders.From(settings), cancellationToken);

        State.MessageCount++;
        State.LastMessageAt = stored.CreatedAt;
        State.LastPreview = Preview(text, attachment?.MimeType);
        (State.NeedsReply, State.NeedsReplyReason) = (problem is not null, problem);
        (State.UnreadByConsultant, State.LastReadByConsultant) = (0, time.GetUtcNow());
        await SaveAsync(updateListView: true);

        var sent = await views.FindAsync(consultantId, stored.Id) ?? stored;
        Publish(DashboardEventNames.MessageSent, sent);
        Publish(DashboardEventNames.ConversationUpdated);
        return new ConsultantSendResult(sent, problem);
    }

    /// <summary>
    /// Records the attachment with a fresh link for Twilio to fetch it from: unguessable (256 random bits, only its
    /// hash stored) and expiring. The simulator needs no link.
    /// </summary>
    private async Task<Uri?> OfferAttachmentAsync(OutboundAttachment attachment, DateTimeOffset now)
    {
        var token = await media.RecordOutboundAsync(consultantId, attachment, now.AddMinutes(mediaOptions.Value.PublicLinkMinutes), now);
        return options.Value.PublicBaseUrl is { } baseUrl && MessageChannel.Of(phone) == MessageChannel.WhatsApp
            ? MediaLinks.PublicUrl(baseUrl, token)
            : null;
    }

    /// <summary>Downloads and analysis run in the media grains, never inside the webhook's request.</summary>
    private void StartMediaProcessing(IReadOnlyList<Guid> mediaIds)
    {
        foreach (var mediaId in mediaIds)
        {
            try
            {
                GrainFactory.GetGrain<IMediaFileGrain>(MediaFileKey.Format(consultantId, mediaId)).StartAsync().Ignore();
            }
            catch (Exception ex)
            {
                // The reply waiting for it, or the recovery sweep, starts it again.
                PublishFailed(logger, ex, "media start");
            }
        }
    }

    public async Task<ConversationView> SetAiEnabledAsync(bool enabled, string by)
    {
        (State.AiEnabled, State.AiOverriddenAt, State.AiOverriddenBy) = (enabled, time.GetUtcNow(), by);
        await SaveAsync(updateListView: true);
        Publish(DashboardEventNames.ConversationUpdated);
        return View();
    }

    public async Task<ConversationView> MarkReadAsync()
    {
        (State.UnreadByConsultant, State.LastReadByConsultant) = (0, time.GetUtcNow());
        await SaveAsync(updateListView: true);
        Publish(DashboardEventNames.ConversationUpdated);
        return View();
    }

    public async Task<ConversationView> RecogniseContactAsync()
    {
        var client = await clients.FindByContactAsync(consultantId, ConversationKey.ContactPhone(phone));
        if (State.IsLead && client is not null)
        {
            State.LeadConvertedAt ??= time.GetUtcNow();
        }

        (State.IsLead, State.ClientId, State.ClientName, State.Initialized) = (client is null, client?.Id, client?.Name, true);
        await SaveAsync(updateListView: true);
        Publish(DashboardEventNames.ConversationUpdated);
        await RetryAfterAiKeyFixAsync(); // a lead become client is answered with another key
        return View();
    }

    public async Task RetryAfterAiKeyFixAsync()
    {
        if (State.AwaitingAiKey is not { } batch || answering || State.InFlight is not null)
        {
            return;
        }

        State.AwaitingAiKey = null;
        if (!WhatsAppWindow.IsOpen(View(), time.GetUtcNow()))
        {
            await SaveAsync(updateListView: true); // too late for a free-form answer: the consultant sends a template
            return;
        }

        State.InFlight = batch; // answered as if resumed: its messages, under its own batch id
        await SaveAsync(updateListView: true);
        ArmTimer(TimeSpan.Zero);
    }

    /// <summary>
    /// STOP (or the like) opts the contact out at once: a reply being prepared is cancelled and nothing automatic
    /// goes out but the one confirmation. START opts back in. Returns whether the flag changed.
    /// </summary>
    private bool ApplyOptOutKeyword(string body)
    {
        var change = OptOutKeywords.Classify(body);
        var optedOut = change switch
        {
            OptOutChange.OptOut => true,
            OptOutChange.OptIn => false,
            _ => State.OptedOut,
        };
        if (optedOut == State.OptedOut)
        {
            return false;
        }

        State.OptedOut = optedOut;
        // Opting out and back in within one burst needs no confirmation at all.
        State.UnconfirmedOptOutChange = State.UnconfirmedOptOutChange == OptOutChange.None ? change : OptOutChange.None;
        if (optedOut && answering)
        {
            takeOver?.Cancel();
        }

        return true;
    }

    /// <summary>
    /// The consultant is answering: what waits for the AI counts as answered by them, and a reply the AI is
    /// preparing is cancelled (it may already be on its way if Twilio was being called).
    /// </summary>
    private async Task HandOverWaitingMessagesAsync()
    {
        State.AwaitingAiKey = null;
        if (State.Pending.Count > 0)
        {
            var batchId = Guid.NewGuid();
            var ids = State.Pending.Select(p => p.MessageId).ToList();
            await messages.AssignBatchAsync(consultantId, ids, batchId);
            await messages.MarkBatchHandledAsync(consultantId, batchId, time.GetUtcNow());
            State.Pending.Clear();
        }

        if (answering)
        {
            takeOver?.Cancel();
        }
        else if (State.InFlight is { } stale)
        {
            await messages.MarkBatchHandledAsync(consultantId, stale.BatchId, time.GetUtcNow());
            State.InFlight = null;
        }
    }

    public async Task WakeAsync()
    {
        if (answering)
        {
            return;
        }

        if (!HasWork)
        {
            await AdoptUnhandledMessagesAsync();
        }

        // Activation has armed the timer if there was work; this re-arms one lost to an error.
        if (HasWork)
        {
            ArmTimer(State.InFlight is not null ? TimeSpan.Zero : DueAfterLastPending());
        }
    }

    /// <summary>
    /// Messages the table says are owed a reply but this state does not hold (its write failed after the insert and
    /// Twilio gave up retrying, say): unbatched ones become pending; a batch left behind resumes under its own id,
    /// so a reply already recorded for it is not sent again.
    /// </summary>
    private async Task AdoptUnhandledMessagesAsync()
    {
        var unhandled = await messages.GetUnhandledInboundAsync(consultantId, phone);
        if (unhandled.Count == 0)
        {
            return;
        }

        if (unhandled.FirstOrDefault(m => m.BatchId is not null)?.BatchId is { } batchId)
        {
            State.InFlight = new ReplyBatch { BatchId = batchId, MessageIds = unhandled.Where(m => m.BatchId == batchId).Select(m => m.Id).ToList() };
        }

        State.Pending.AddRange(unhandled
            .Where(m => m.BatchId is null)
            .Select(m => new PendingMessage { MessageId = m.Id, ReceivedAt = m.CreatedAt }));
        Adopted(logger, unhandled.Count);
        await SaveAsync(updateListView: false);
    }

    public Task<ConversationSummary> GetSummaryAsync() => Task.FromResult(new ConversationSummary(
        phone, State.IsLead, State.ClientId, State.LeadConvertedAt, State.AiEnabled, State.MessageCount,
        State.UnreadByConsultant, State.LastMessageAt, State.LastInboundAt,
        State.Pending.Count + (State.InFlight?.MessageIds.Count ?? 0), State.NeedsReply,
        State.NeedsReplyReason));

    private void ArmTimer(TimeSpan due)
    {
        if (debounceTimer is null)
        {
            debounceTimer = this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan)
            {
                Interleave = true,
                KeepAlive = true,
            });
        }
        else
        {
            debounceTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        if (answering)
        {
            return;
        }

        answering = true;
        try
        {
            while (await TakeBatchAsync() is { } batch)
            {
                if (!await AnswerAsync(batch, cancellationToken))
                {
                    ArmTimer(RetryAfterFailure);
                    return;
                }

                if (State.Pending.Count > 0 && DueAfterLastPending() > TimeSpan.Zero)
                {
                    ArmTimer(DueAfterLastPending()); // a new burst is still arriving: let it finish
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage trouble: whatever was not written is still pending or in flight; try again shortly.
            TimerFailed(logger, ex);
            ArmTimer(RetryAfterFailure);
        }
        finally
        {
            answering = false;
        }
    }

    /// <summary>The batch in flight (resumed after a crash), or the pending messages as a new batch.</summary>
    private async Task<ReplyBatch?> TakeBatchAsync()
    {
        if (State.InFlight is null)
        {
            if (State.Pending.Count == 0)
            {
                return null;
            }

            State.InFlight = new ReplyBatch
            {
                BatchId = Guid.NewGuid(),
                MessageIds = State.Pending.Select(p => p.MessageId).ToList(),
                OptOutChange = State.UnconfirmedOptOutChange,
            };
            State.Pending.Clear();
            State.UnconfirmedOptOutChange = OptOutChange.None;
            await SaveAsync(updateListView: false);
        }

        await messages.AssignBatchAsync(consultantId, State.InFlight.MessageIds, State.InFlight.BatchId);
        return State.InFlight;
    }

    /// <summary>False when something unexpected failed (the database, say): the batch stays in flight for a retry.</summary>
    private async Task<bool> AnswerAsync(ReplyBatch batch, CancellationToken cancellationToken)
    {
        // Its own source, per batch: a silo shutting down (the timer's token) is not a consultant taking over.
        using var consultantTookOver = new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, consultantTookOver.Token);
        takeOver = consultantTookOver;
        BatchOutcome outcome;
        try
        {
            outcome = await replier.AnswerAsync(
                new BatchToAnswer(consultantId, phone, batch.BatchId, State.AiEnabled, State.DisplayName, State.OptedOut, batch.OptOutChange), either.Token);
        }
        catch (OperationCanceledException) when (consultantTookOver.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The consultant answered by hand while the AI was preparing this reply: what it prepared is not sent.
            await messages.CancelUnsentRepliesAsync(consultantId, batch.BatchId);
            await messages.MarkBatchHandledAsync(consultantId, batch.BatchId, time.GetUtcNow());
            State.InFlight = null;
            await SaveAsync(updateListView: true);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            BatchFailed(logger, ex, batch.BatchId);
            return false;
        }
        finally
        {
            takeOver = null;
        }

        var wasLead = State.IsLead;
        (State.IsLead, State.ClientId, State.ClientName) = (outcome.Client is null, outcome.Client?.Id, outcome.Client?.Name);
        if (wasLead && outcome.Client is not null)
        {
            State.LeadConvertedAt ??= outcome.At;
        }

        if (outcome.SentParts.Count > 0)
        {
            State.MessageCount += outcome.SentParts.Count;
            State.LastMessageAt = outcome.At;
            State.LastPreview = Preview(outcome.SentParts[^1].Body, null);
        }

        (State.NeedsReply, State.NeedsReplyReason) = (outcome.Problem is not null, outcome.Problem);
        State.AwaitingAiKey = outcome.AwaitsAiKey ? batch : null;
        await messages.MarkBatchHandledAsync(consultantId, batch.BatchId, outcome.At);
        State.InFlight = null;
        await SaveAsync(updateListView: true);
        foreach (var part in outcome.SentParts)
        {
            if (await views.FindAsync(consultantId, part.Id) is { } sent)
            {
                Publish(DashboardEventNames.MessageSent, sent);
            }
        }

        Publish(DashboardEventNames.ConversationUpdated);
        return true;
    }

    /// <summary>
    /// The debounce after the latest pending message, but never later than <c>WhatsApp:MaxBatchWaitSeconds</c> after
    /// the first: a contact writing every few seconds still gets an answer.
    /// </summary>
    private TimeSpan DueAfterLastPending()
    {
        var debounced = State.Pending.Max(p => p.ReceivedAt) + Debounce;
        var capped = State.Pending.Min(p => p.ReceivedAt) + TimeSpan.FromSeconds(options.Value.MaxBatchWaitSeconds);
        var due = (debounced < capped ? debounced : capped) - time.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    /// <summary>Writes the state and then the list view, one at a time (the timer callback interleaves).</summary>
    private async Task SaveAsync(bool updateListView)
    {
        await saving.WaitAsync();
        try
        {
            await state.WriteStateAsync();
            if (!updateListView)
            {
                return;
            }

            await conversations.UpsertAsync(consultantId, View(), awaitsAiKey: State.AwaitingAiKey is not null, time.GetUtcNow());
        }
        finally
        {
            saving.Release();
        }
    }

    private Guid ConversationId => ConversationKey.IdFor(consultantId, phone);

    private ConversationView View() => new(
        ConversationId, phone, State.ClientName ?? State.DisplayName, State.IsLead, State.ClientId, State.AiEnabled,
        State.MessageCount, State.UnreadByConsultant, State.LastMessageAt, State.LastPreview, State.NeedsReply,
        State.NeedsReplyReason, State.AiOverriddenAt, State.AiOverriddenBy, State.LastReadByConsultant, State.LastInboundAt,
        State.LeadConvertedAt, State.OptedOut);

    /// <summary>Tells the consultant's open dashboards, wherever they are connected; one-way, never fails the caller.</summary>
    private void Publish(string name, ChatMessageView? message = null)
    {
        var dashboardEvent = new DashboardEvent(consultantId, name, message, message is null ? View() : null);
        try
        {
            GrainFactory.GetGrain<IConsultantEventsGrain>(consultantId).PublishAsync(dashboardEvent).Ignore();
        }
        catch (Exception ex)
        {
            // The silo is stopping, say: dashboards resynchronise through REST, the conversation must not fail.
            PublishFailed(logger, ex, name);
        }
    }

    /// <summary>The list's preview: the text, or what was sent when there is none (<paramref name="mediaType"/>: null for no media).</summary>
    private static string Preview(string body, string? mediaType) => body.Length > 0
        ? (body.Length > 120 ? body[..120] + "…" : body)
        : mediaType is null ? string.Empty : MediaKind.OfMimeType(mediaType) switch
        {
            MediaKind.Image => "Photo",
            MediaKind.Pdf => "PDF document",
            MediaKind.Audio => "Voice note",
            _ => "File",
        };

    [LoggerMessage(Level = LogLevel.Debug, Message = "The dashboard event {EventName} could not be published")]
    private static partial void PublishFailed(ILogger logger, Exception exception, string eventName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adopted {Count} unanswered message(s) the conversation state did not hold")]
    private static partial void Adopted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The debounce timer failed; the conversation retries shortly")]
    private static partial void TimerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering batch {BatchId} failed; it stays in flight and is retried")]
    private static partial void BatchFailed(ILogger logger, Exception exception, Guid batchId);
}
