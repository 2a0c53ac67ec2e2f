namespace Consultant.Grains.Ai;

public sealed record LeasedKey(Guid Id, string ApiKey);
