namespace Consultant.Grains.Abstractions;

/// <summary>A broadcast's counts as they change, sent live to the consultant's dashboards (event <c>BroadcastUpdated</c>).</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.BroadcastProgress")]
public sealed record BroadcastProgress(
    [property: Id(0)] Guid BroadcastId,
    [property: Id(1)] string Status,
    [property: Id(2)] string? StatusReason,
    [property: Id(3)] int Total,
    [property: Id(4)] int Queued,
    [property: Id(5)] int Sent,
    [property: Id(6)] int Delivered,
    [property: Id(7)] int Read,
    [property: Id(8)] int Failed,
    [property: Id(9)] int Skipped,
    [property: Id(10)] int Replied);
