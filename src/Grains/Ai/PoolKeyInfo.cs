namespace Consultant.Grains.Ai;

public sealed record PoolKeyInfo(Guid Id, string Label, string KeyHint, long UsageCount, DateTimeOffset? LastUsedAt, DateTimeOffset? CooldownUntil, DateTimeOffset CreatedAt);
