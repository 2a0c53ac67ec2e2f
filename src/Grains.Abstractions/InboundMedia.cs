namespace Consultant.Grains.Abstractions;

/// <summary>One MediaUrlN / MediaContentTypeN of an inbound message, as Twilio announced it.</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.InboundMedia")]
public sealed record InboundMedia(
    [property: Id(0)] string Url,
    [property: Id(1)] string? ContentType);
