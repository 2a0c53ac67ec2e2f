namespace Consultant.Grains.Abstractions;

/// <summary>One event for one consultant's dashboards; <see cref="Message"/>, <see cref="Conversation"/> or <see cref="Broadcast"/> is set.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.DashboardEvent")]
public sealed record DashboardEvent(
    [property: Id(0)] Guid ConsultantId,
    [property: Id(1)] string Name,
    [property: Id(2)] ChatMessageView? Message,
    [property: Id(3)] ConversationView? Conversation,
    [property: Id(4)] BroadcastProgress? Broadcast = null);
