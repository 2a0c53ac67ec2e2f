namespace Consultant.Grains.Abstractions;

[GenerateSerializer]
[Alias("Consultant.WhatsAppMode")]
public enum WhatsAppMode
{
    Webhook = 0,
    Polling = 1,
}
