namespace Consultant.Grains.Accounts;

public sealed record ConsultantAccount(
    Guid Id,
    string Email,
    string Name,
    string PasswordHash,
    int FailedLoginCount,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt);
