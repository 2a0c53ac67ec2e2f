namespace Consultant.Grains.Abstractions;

/// <summary>
/// What the reply pipeline needs from a consultant's settings. Secrets stay encrypted (Data Protection);
/// only the silo that calls Twilio or the AI decrypts them, at that moment.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.ConsultantReplySettings")]
public sealed record ConsultantReplySettings(
    [property: Id(0)] string AccountSid,
    [property: Id(1)] string ProtectedAuthToken,
    [property: Id(2)] string WhatsAppNumber,
    [property: Id(3)] bool IsActive,
    [property: Id(4)] bool AutoResponseEnabled,
    [property: Id(5)] string? ProtectedAiApiKey,
    [property: Id(6)] WhatsAppMode Mode,
    [property: Id(7)] string Persona,
    [property: Id(8)] string AcquisitionScript,
    [property: Id(9)] bool AnswerLeadsWithOwnKey = false)
{
    /// <summary>The consultant's own key answers their clients, and their leads too when they chose so; otherwise the shared pool.</summary>
    public bool UsesOwnAiKey(bool forClient) => forClient || AnswerLeadsWithOwnKey;
}
