using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Hooks;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Realtime;

/// <summary>
/// What the outside learns of a conversation, told after each change of its state: the row of the conversations
/// list, the events for the consultant's open dashboards (wherever they are connected), and then the capabilities
/// (<see cref="ConversationHooks"/>: <i>message stored</i>, <i>reply sent</i>). A lead who became a client is
/// recorded in the funnel with the row that says so (<see cref="LeadFunnel.ConvertedAsync"/>).
/// </summary>
public sealed partial class ConversationPublisher(
    ConversationRepository conversations, ChatMessageViews views, ConversationHooks hooks, LeadFunnel funnel, IGrainFactory grains,
    TimeProvider time, ILogger<ConversationPublisher> logger)
{
    public async Task SaveListRowAsync(Guid consultantId, ConversationView view, bool awaitsAiKey)
    {
        await conversations.UpsertAsync(consultantId, view, awaitsAiKey, time.GetUtcNow());
        if (view.LeadConvertedAt is { } convertedAt)
        {
            await funnel.ConvertedAsync(consultantId, view.ContactPhone, convertedAt); // once: a stage is recorded the first time only
        }
    }

    /// <summary>The conversation as the dashboards show it, with the contact's language as it is now.</summary>
    public async Task ConversationChangedAsync(Guid consultantId, ConversationView view)
    {
        try
        {
            var language = await conversations.LanguageOfAsync(consultantId, view);
            view = view with { Language = language.Language.Code, LanguageSource = language.SourceName };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LanguageUnread(logger, ex); // the event goes without it: the page keeps the language it shows
        }

        Publish(new DashboardEvent(consultantId, DashboardEventNames.ConversationUpdated, null, view));
    }

    /// <summary>
    /// The consultant took the conversation over or gave it back (its list row written): the capabilities first (the
    /// follow-ups paused or resumed at once), then the dashboards, so a page that reads again on the event (the chat's
    /// next follow-up) finds the change rather than what only the follow-ups' next sweep would have made of it.
    /// </summary>
    public async Task AiSwitchedAsync(Guid consultantId, ConversationView view)
    {
        await hooks.AiSwitchedAsync(new AiSwitch(consultantId, view.ContactPhone, view.AiEnabled));
        await ConversationChangedAsync(consultantId, view);
    }

    /// <summary>
    /// The consultant marked the conversation handled (its list row written): as for the AI switch, the capabilities
    /// first (a follow-up held for that reply waits again at once), then the dashboards.
    /// </summary>
    public async Task NeedsReplyClearedAsync(Guid consultantId, ConversationView view)
    {
        await hooks.NeedsReplyChangedAsync(new NeedsReplyChanged(consultantId, view.ContactPhone, NeedsReply: false));
        await ConversationChangedAsync(consultantId, view);
    }

    /// <summary>
    /// An inbound message stored the first time, shown on the dashboards at once (its media, still downloading, as they
    /// are now). Returns what the capabilities are told of it (<see cref="InboundHooksAsync"/>), in the turn or after it.
    /// </summary>
    public async Task<StoredInboundMessage> MessageStoredAsync(
        Guid consultantId, ConversationView conversation, MessageRow row, InboundWhatsAppMessage message)
    {
        var stored = new ChatMessageView(row.Id, conversation.Id, conversation.ContactPhone, row.Direction, row.Sender, row.Body,
            row.Status, message.NumMedia, row.Channel, null, row.CreatedAt) { ButtonPayload = row.ButtonPayload };
        var shown = stored.NumMedia == 0 ? stored : (await views.WithMediaAsync(consultantId, [stored]))[0];
        Publish(new DashboardEvent(consultantId, DashboardEventNames.NewMessage, shown, null));
        return new StoredInboundMessage(
            consultantId, conversation.ContactPhone, row.Id, row.Body, message.NumMedia, conversation.IsLead, message.ReceivedAt,
            conversation.OptedOut);
    }

    /// <summary>The capabilities told of a stored inbound message (each hook's failure logged, the others go on).</summary>
    public Task InboundHooksAsync(StoredInboundMessage message) => hooks.MessageStoredAsync(message);

    /// <summary>The assistant's parts that went out, read back with their status and media (none: only the row changed).</summary>
    public async Task AssistantRepliedAsync(
        Guid consultantId, ConversationView conversation, IEnumerable<Guid> sentIds, string? problem, CancellationToken cancellationToken)
    {
        // Read together, and the conversation's event with the hooks: their statements share round trips (SharedRoundTrips).
        var sent = (await Task.WhenAll(sentIds.Select(id => views.FindAsync(consultantId, id)))).OfType<ChatMessageView>().ToList();
        foreach (var view in sent)
        {
            MessageSent(consultantId, view);
        }

        if (conversation.NeedsReply)
        {
            // Settled needing the consultant's reply (its list row written): the capabilities hold what waits for it
            // before the dashboards hear, as when it is marked handled. Rare, so the common reply costs nothing more.
            await hooks.NeedsReplyChangedAsync(new NeedsReplyChanged(consultantId, conversation.ContactPhone, NeedsReply: true), cancellationToken);
        }

        await Task.WhenAll(
            ConversationChangedAsync(consultantId, conversation),
            hooks.ReplySentAsync(new SentReply(consultantId, conversation.ContactPhone, ReplyAuthor.Assistant, sent, problem), cancellationToken));
    }

    public async Task ConsultantRepliedAsync(
        Guid consultantId, ConversationView conversation, ConsultantSendResult result, CancellationToken cancellationToken)
    {
        MessageSent(consultantId, result.Message);
        await ConversationChangedAsync(consultantId, conversation);
        await hooks.ReplySentAsync(
            new SentReply(consultantId, conversation.ContactPhone, ReplyAuthor.Consultant, [result.Message], result.Problem), cancellationToken);
    }

    /// <summary>A message the system sent on its own (stored, whether it went out or failed).</summary>
    public async Task AutomatedSentAsync(
        Guid consultantId, ConversationView conversation, AutomatedSendResult result, CancellationToken cancellationToken)
    {
        if (result.Message is not { } message)
        {
            return;
        }

        MessageSent(consultantId, message);
        await ConversationChangedAsync(consultantId, conversation);
        await hooks.ReplySentAsync(
            new SentReply(consultantId, conversation.ContactPhone, ReplyAuthor.Automated, [message], result.Problem), cancellationToken);
    }

    private void MessageSent(Guid consultantId, ChatMessageView message) =>
        Publish(new DashboardEvent(consultantId, DashboardEventNames.MessageSent, message, null));

    /// <summary>One-way: a dashboard that misses an event resynchronises through REST, the conversation must not fail.</summary>
    private void Publish(DashboardEvent dashboardEvent)
    {
        try
        {
            grains.GetGrain<IConsultantEventsGrain>(dashboardEvent.ConsultantId).PublishAsync(dashboardEvent).Ignore();
        }
        catch (Exception ex)
        {
            PublishFailed(logger, ex, dashboardEvent.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The contact's language could not be read for the dashboards' event")]
    private static partial void LanguageUnread(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The dashboard event {EventName} could not be published")]
    private static partial void PublishFailed(ILogger logger, Exception exception, string eventName);
}
