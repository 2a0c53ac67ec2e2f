namespace Consultant.Grains.Abstractions;

/// <summary>
/// Where a conversation is in a guided flow, kept in the conversation's state (small on purpose): the flow, the step
/// waiting for an answer, how many times it was asked again, when the flow started and when the contact last
/// answered (24 hours of silence after it end the flow).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.FlowPosition")]
public sealed record FlowPosition(
    [property: Id(0)] Guid FlowId,
    [property: Id(1)] string StepId,
    [property: Id(2)] int Retries,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset LastActivityAt);
