namespace Consultant.Grains.Abstractions;

/// <summary>Twilio's Content SID of an approved template and its variables as Twilio wants them (a JSON object).</summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.OutboundTemplate")]
public sealed record OutboundTemplate(
    [property: Id(0)] string ContentSid,
    [property: Id(1)] string ContentVariables);
