namespace Consultant.Grains.Abstractions;

[GenerateSerializer]
[Alias("Consultant.MessageSource")]
public enum MessageSource
{
    Webhook = 0,
    Poller = 1,
    Simulator = 2,
}
