namespace Consultant.Grains.Hooks;

/// <summary>A batch (the messages of one burst) about to be answered; <paramref name="AiEnabled"/> false: only flagged for the consultant.</summary>
public sealed record AnsweringBatch(
    Guid ConsultantId, string Phone, Guid BatchId, IReadOnlyList<Guid> MessageIds, bool AiEnabled, bool OptedOut);
