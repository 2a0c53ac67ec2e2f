namespace Consultant.Grains.Analytics;

/// <summary>
/// One lead of a funnel's cohort: when they first wrote, their furthest stage (<see cref="LeadStage.Rank"/>), and when
/// they first reached at least each later stage (null: not yet).
/// </summary>
public sealed record LeadCohortRow(
    string ContactPhone, DateTimeOffset FirstAt, int Furthest,
    DateTimeOffset? EngagedAt, DateTimeOffset? QualifiedAt, DateTimeOffset? BookedAt, DateTimeOffset? ConvertedAt)
{
    /// <summary>When the lead first reached at least the stage of <paramref name="rank"/>, or null.</summary>
    public DateTimeOffset? ReachedAt(int rank) => rank switch
    {
        0 => FirstAt,
        1 => EngagedAt,
        2 => QualifiedAt,
        3 => BookedAt,
        4 => ConvertedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(rank)),
    };
}
