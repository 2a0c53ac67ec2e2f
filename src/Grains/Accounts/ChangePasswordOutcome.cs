namespace Consultant.Grains.Accounts;

public enum ChangePasswordOutcome
{
    Changed,

    /// <summary>A field is missing or breaks the rules, or the current password is wrong: see the errors.</summary>
    Invalid,

    /// <summary>Too many wrong current passwords (they count like failed sign-ins).</summary>
    LockedOut,
}
