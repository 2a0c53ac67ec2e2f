namespace Consultant.Grains.Broadcasts;

/// <summary>
/// Before sending: who will get it, who will not and why (<see cref="ExclusionReasons"/>), how long it takes at the
/// sender's pace, and the message exactly as the first recipient (<see cref="SampleFor"/>) gets it — with their name,
/// and the opt-out hint in the broadcast's language when it has it; both null when nobody gets it.
/// </summary>
public sealed record BroadcastPreview(
    int RecipientCount,
    IReadOnlyList<PreviewContact> Recipients,
    int ExcludedCount,
    IReadOnlyList<PreviewContact> Excluded,
    IReadOnlyDictionary<string, int> ExcludedByReason,
    double MessagesPerSecond,
    double EstimatedSeconds,
    string? SampleMessage = null,
    PreviewContact? SampleFor = null);

/// <summary>A contact of the preview; <see cref="Reason"/> (a code of <see cref="ExclusionReasons"/>) and its words when excluded.</summary>
public sealed record PreviewContact(string ContactPhone, string? Name, string? Reason, string? ReasonText);
