namespace Consultant.Grains.Abstractions;

/// <summary>
/// Validated AI settings. A null <see cref="AiApiKey"/> keeps the stored key, an empty one removes it (and with it
/// <see cref="AnswerLeadsWithOwnKey"/>); a null <see cref="AnswerLeadsWithOwnKey"/> keeps that setting.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Consultant.AiSettingsUpdate")]
public sealed record AiSettingsUpdate(
    [property: Id(0)] string? AiApiKey,
    [property: Id(1)] bool? AnswerLeadsWithOwnKey);
