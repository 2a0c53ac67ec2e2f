namespace Consultant.Grains.Abstractions;

[GenerateSerializer, Immutable]
[Alias("Consultant.ConsultantSendResult")]
public sealed record ConsultantSendResult(
    [property: Id(0)] ChatMessageView Message,
    /// <summary>Null when sent; otherwise why not, in words (the message is kept, marked failed).</summary>
    [property: Id(1)] string? Problem);
