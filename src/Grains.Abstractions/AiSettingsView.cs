namespace Consultant.Grains.Abstractions;

/// <summary>
/// What may be shown of a consultant's AI settings: never the key, only whether one is saved and its last four
/// characters (as the key pool shows its keys).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.AiSettingsView")]
public sealed record AiSettingsView(
    [property: Id(0)] bool HasAiApiKey,
    [property: Id(1)] string? AiApiKeyHint,
    [property: Id(2)] bool AnswerLeadsWithOwnKey,
    [property: Id(3)] DateTimeOffset? UpdatedAt);
