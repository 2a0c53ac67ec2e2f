namespace Consultant.Grains.Accounts;

/// <summary>
/// A consultant's login. <see cref="FailedLoginCount"/> counts sign-in attempts since the last success (each is
/// counted before its password is checked); <see cref="IsAdmin"/> is set by the operator only.
/// </summary>
public sealed record ConsultantAccount(
    Guid Id,
    string Email,
    string Name,
    string PasswordHash,
    int FailedLoginCount,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    bool IsAdmin = false);
