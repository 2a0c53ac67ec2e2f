namespace Consultant.Grains.Abstractions;

[GenerateSerializer, Immutable]
[Alias("Consultant.ConnectionTestResult")]
public sealed record ConnectionTestResult(
    [property: Id(0)] bool Success,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset TestedAt);
