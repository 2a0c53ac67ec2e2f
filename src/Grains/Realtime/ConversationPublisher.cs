using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Realtime;

/// <summary>
/// What the outside sees of a conversation, written after each change of its state: the row of the conversations
/// list and the events for the consultant's open dashboards (wherever they are connected).
/// </summary>
public sealed partial class ConversationPublisher(
    ConversationRepository conversations, ChatMessageViews views, IGrainFactory grains, TimeProvider time,
    ILogger<ConversationPublisher> logger)
{
    public Task SaveListRowAsync(Guid consultantId, ConversationView view, bool awaitsAiKey) =>
        conversations.UpsertAsync(consultantId, view, awaitsAiKey, time.GetUtcNow());

    public void ConversationChanged(Guid consultantId, ConversationView view) =>
        Publish(new DashboardEvent(consultantId, DashboardEventNames.ConversationUpdated, null, view));

    /// <summary>A message that just arrived; its media (still downloading) are shown as they are now.</summary>
    public async Task MessageReceivedAsync(Guid consultantId, ChatMessageView message)
    {
        var shown = message.NumMedia == 0 ? message : (await views.WithMediaAsync(consultantId, [message]))[0];
        Publish(new DashboardEvent(consultantId, DashboardEventNames.NewMessage, shown, null));
    }

    public void MessageSent(Guid consultantId, ChatMessageView message) =>
        Publish(new DashboardEvent(consultantId, DashboardEventNames.MessageSent, message, null));

    /// <summary>Messages that went out, read back with their status and media; returns them as published.</summary>
    public async Task<IReadOnlyList<ChatMessageView>> MessagesSentAsync(Guid consultantId, IEnumerable<Guid> messageIds)
    {
        var sent = new List<ChatMessageView>();
        foreach (var id in messageIds)
        {
            if (await views.FindAsync(consultantId, id) is { } view)
            {
                sent.Add(view);
                MessageSent(consultantId, view);
            }
        }

        return sent;
    }

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "The dashboard event {EventName} could not be published")]
    private static partial void PublishFailed(ILogger logger, Exception exception, string eventName);
}
