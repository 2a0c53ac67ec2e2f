namespace Consultant.Grains.Conversations;

[GenerateSerializer]
[Alias("Consultant.PendingMessage")]
public sealed class PendingMessage
{
    [Id(0)] public Guid MessageId { get; set; }

    [Id(1)] public DateTimeOffset ReceivedAt { get; set; }
}
