namespace Consultant.Grains.Abstractions;

/// <summary>What the dashboards of one consultant are told, live. Names are the SignalR event names.</summary>
public static class DashboardEventNames
{
    public const string NewMessage = "NewMessage";
    public const string MessageSent = "MessageSent";
    public const string MessageStatusChanged = "MessageStatusChanged";

    /// <summary>A message's media was downloaded or analysed (or failed): the message carries its media anew.</summary>
    public const string MediaUpdated = "MediaUpdated";
    public const string ConversationUpdated = "ConversationUpdated";

    /// <summary>A broadcast's status or counts changed: the event carries its <see cref="BroadcastProgress"/>.</summary>
    public const string BroadcastUpdated = "BroadcastUpdated";
}
