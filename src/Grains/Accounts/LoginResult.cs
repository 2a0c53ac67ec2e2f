namespace Consultant.Grains.Accounts;

public sealed record LoginResult(LoginOutcome Outcome, ConsultantAccount? Account, DateTimeOffset? LockedUntil);
