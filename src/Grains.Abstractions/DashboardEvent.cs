namespace Consultant.Grains.Abstractions;

/// <summary>One event for one consultant's dashboards; <see cref="Message"/> or <see cref="Conversation"/> is set.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.DashboardEvent")]
public sealed record DashboardEvent(
    [property: Id(0)] Guid ConsultantId,
    [property: Id(1)] string Name,
    [property: Id(2)] ChatMessageView? Message,
    [property: Id(3)] ConversationView? Conversation);
