using System.Net.Mail;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Identity;

namespace Consultant.Grains.Accounts;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
}

public sealed record LoginResult(LoginOutcome Outcome, ConsultantAccount? Account, DateTimeOffset? LockedUntil);

public enum RegisterOutcome
{
    Created,
    Invalid,
    EmailTaken,
}

public sealed record RegisterResult(RegisterOutcome Outcome, ConsultantAccount? Account, ValidationErrors Errors);

/// <summary>Registration and password sign-in, with a lockout after repeated failures.</summary>
public sealed class AccountService(ConsultantAccountRepository accounts, TimeProvider time)
{
    public const int MinimumPasswordLength = 8;
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    private readonly PasswordHasher<ConsultantAccount> hasher = new();

    public async Task<RegisterResult> RegisterAsync(string? email, string? password, string? name)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(email) || !MailAddress.TryCreate(email.Trim(), out _))
        {
            errors.Add("email", "A valid e-mail address is required.");
        }
        else
        {
            errors.CheckLength("email", email, InputLimits.EmailLength);
        }

        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
        {
            errors.Add("password", $"The password needs at least {MinimumPasswordLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "A name is required.");
        }
        else
        {
            errors.CheckLength("name", name, InputLimits.NameLength);
        }

        if (!errors.IsEmpty)
        {
            return new RegisterResult(RegisterOutcome.Invalid, null, errors);
        }

        var account = new ConsultantAccount(
            Guid.NewGuid(), email!.Trim(), name!.Trim(), string.Empty, 0, null, time.GetUtcNow());
        account = account with { PasswordHash = hasher.HashPassword(account, password!) };

        return await accounts.TryCreateAsync(account)
            ? new RegisterResult(RegisterOutcome.Created, account, errors)
            : new RegisterResult(RegisterOutcome.EmailTaken, null, errors);
    }

    public async Task<LoginResult> LoginAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return new LoginResult(LoginOutcome.InvalidCredentials, null, null);
        }

        // The attempt is counted (and the lock checked) before the password is, in one statement: parallel guesses
        // cannot slip past the limit while others are still being verified.
        var now = time.GetUtcNow();
        var account = await accounts.TryCountSignInAttemptAsync(email, MaxFailedLogins, now, now + LockoutDuration);
        if (account is null)
        {
            return await NotCountedAsync(email, password, now);
        }

        var verification = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            return account.LockedUntil is { } lockedUntil
                ? new LoginResult(LoginOutcome.LockedOut, null, lockedUntil)
                : new LoginResult(LoginOutcome.InvalidCredentials, null, null);
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(account.Id, hasher.HashPassword(account, password));
        }

        await accounts.ResetFailedLoginsAsync(account.Id);
        return new LoginResult(LoginOutcome.Success, account with { FailedLoginCount = 0, LockedUntil = null }, null);
    }

    /// <summary>Whether <paramref name="password"/> is the account's password (no sign-in, nothing counted).</summary>
    public bool HasPassword(ConsultantAccount account, string password) =>
        hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>The attempt was not counted: the account is locked, or there is no such account.</summary>
    private async Task<LoginResult> NotCountedAsync(string email, string password, DateTimeOffset now)
    {
        var existing = await accounts.FindByEmailAsync(email);
        if (existing is null)
        {
            // Hash anyway so an unknown e-mail takes as long as a wrong password.
            hasher.HashPassword(new ConsultantAccount(Guid.Empty, "", "", "", 0, null, default), password);
            return new LoginResult(LoginOutcome.InvalidCredentials, null, null);
        }

        // Refused while locked; should the lock have ended in between, this attempt still counts as refused.
        return new LoginResult(LoginOutcome.LockedOut, null, existing.LockedUntil is { } until && until > now ? until : now);
    }
}
