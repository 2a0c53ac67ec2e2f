namespace Consultant.Grains.Analytics;

/// <summary>One pool key's calls on one Pacific day (a row of the per-day chart and its CSV).</summary>
/// <param name="Calls">Every call made with the key, whatever came of it.</param>
/// <param name="RateLimited">Calls the provider refused with 429 (too many requests).</param>
/// <param name="Errors">Calls that failed otherwise.</param>
public sealed record PoolKeyDay(DateOnly Date, Guid KeyId, string Label, long Calls, long RateLimited, long Errors);
