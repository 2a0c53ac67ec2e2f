using Consultant.Grains.Common;

namespace Consultant.Grains.Accounts;

public sealed record ChangePasswordResult(ChangePasswordOutcome Outcome, ValidationErrors Errors, DateTimeOffset? LockedUntil = null);
