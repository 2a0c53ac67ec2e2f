namespace Consultant.Grains.Replying;

/// <param name="OptOutChange">An opt-out or opt-in this batch must confirm (instead of an AI answer).</param>
public sealed record BatchToAnswer(
    Guid ConsultantId, string Phone, Guid BatchId, bool AiEnabled, string? DisplayName, bool OptedOut, OptOutChange OptOutChange)
{
    /// <summary>Started by this activation and not tried yet: nothing can be recorded under its id, so nothing is looked up.</summary>
    public bool NeverAnswered { get; init; }
}
