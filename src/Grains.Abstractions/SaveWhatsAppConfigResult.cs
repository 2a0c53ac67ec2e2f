namespace Consultant.Grains.Abstractions;

[GenerateSerializer, Immutable]
[Alias("Consultant.SaveWhatsAppConfigResult")]
public sealed record SaveWhatsAppConfigResult(
    [property: Id(0)] SaveWhatsAppConfigOutcome Outcome,
    [property: Id(1)] WhatsAppConfigView Config);
