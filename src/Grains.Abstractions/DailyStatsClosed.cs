namespace Consultant.Grains.Abstractions;

/// <summary>What a close of daily statistics wrote: days for how many consultants, how many days in all.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.DailyStatsClosed")]
public sealed record DailyStatsClosed([property: Id(0)] int Consultants, [property: Id(1)] int Days);
