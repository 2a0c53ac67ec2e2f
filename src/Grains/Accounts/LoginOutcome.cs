namespace Consultant.Grains.Accounts;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
}
