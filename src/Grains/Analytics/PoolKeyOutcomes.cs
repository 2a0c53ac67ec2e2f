namespace Consultant.Grains.Analytics;

/// <summary>A pool key's calls today (Pacific day): answered, and failed with an error other than 429.</summary>
public sealed record PoolKeyOutcomes(Guid KeyId, long Answered, long Errors);
