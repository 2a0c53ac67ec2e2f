namespace Consultant.Grains.Ai;

/// <summary>A pool key as administrators see it: never the key, only its hint.</summary>
/// <param name="UsageCount">Calls ever made with it.</param>
/// <param name="RequestsPerDay">Its daily quota; null: none set.</param>
/// <param name="RequestsToday">Calls counted against the quota today (Pacific time, see <see cref="QuotaDay"/>): 429 refusals are not counted.</param>
public sealed record PoolKeyInfo(
    Guid Id, string Label, string KeyHint, long UsageCount, DateTimeOffset? LastUsedAt, DateTimeOffset? CooldownUntil, DateTimeOffset CreatedAt,
    int? RequestsPerDay = null, long RequestsToday = 0)
{
    public bool QuotaReached => RequestsPerDay is { } quota && RequestsToday >= quota;

    /// <summary>Today's use as a share of the quota (1 = all of it); null without a quota.</summary>
    public double? QuotaShareUsed => RequestsPerDay is { } quota ? (double)RequestsToday / quota : null;

    public bool IsResting(DateTimeOffset now) => CooldownUntil > now;
}
