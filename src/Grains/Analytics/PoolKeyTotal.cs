namespace Consultant.Grains.Analytics;

/// <summary>One pool key's calls over a whole period, and its share of all the pool's calls (0 to 1).</summary>
/// <param name="KeyHint">Its last four characters; null for a key removed since (its calls still count).</param>
public sealed record PoolKeyTotal(
    Guid KeyId, string Label, string? KeyHint, bool Removed, int? RequestsPerDay, long Calls, long RateLimited, long Errors, double Share);
