using Consultant.Grains.Common;
using Microsoft.AspNetCore.Identity;

namespace Consultant.Grains.Accounts;

/// <summary>Registration, password sign-in with a lockout after repeated failures, and password changes.</summary>
public sealed class AccountService(ConsultantAccountRepository accounts, TimeProvider time)
{
    public const int MinimumPasswordLength = 8;

    /// <summary>Long enough for any password manager; bounds the work of hashing.</summary>
    public const int MaximumPasswordLength = 256;
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    private readonly PasswordHasher<ConsultantAccount> hasher = new();

    public async Task<RegisterResult> RegisterAsync(string? email, string? password, string? name)
    {
        var errors = new ValidationErrors();
        if (!EmailAddresses.IsValid(email?.Trim()))
        {
            errors.Add("email", "A valid e-mail address is required.");
        }
        else
        {
            errors.CheckLength("email", email, InputLimits.EmailLength);
        }

        CheckNewPassword(errors, "password", password);
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

    /// <summary>The one password rule, for registering, changing and the operator's reset.</summary>
    public static void CheckNewPassword(ValidationErrors errors, string field, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumPasswordLength)
        {
            errors.Add(field, $"The password needs at least {MinimumPasswordLength} characters.");
        }
        else if (password.Length > MaximumPasswordLength)
        {
            errors.Add(field, $"The password can have at most {MaximumPasswordLength} characters.");
        }
    }

    /// <summary>
    /// Changes a signed-in consultant's password. The current password is checked like a sign-in (each attempt counted
    /// first, the same lockout), so a session left open cannot be used to guess it. Every other session of the account
    /// ends; <paramref name="keptSessionId"/>, the one making the change, stays signed in.
    /// </summary>
    public async Task<ChangePasswordResult> ChangePasswordAsync(
        Guid accountId, string? keptSessionId, string? currentPassword, string? newPassword)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(currentPassword))
        {
            errors.Add("currentPassword", "Enter your current password.");
        }

        CheckNewPassword(errors, "newPassword", newPassword);
        if (errors.IsEmpty && newPassword == currentPassword)
        {
            errors.Add("newPassword", "The new password must differ from the current one.");
        }

        var account = errors.IsEmpty ? await accounts.FindByIdAsync(accountId) : null;
        if (account is null)
        {
            return new ChangePasswordResult(ChangePasswordOutcome.Invalid, errors);
        }

        var now = time.GetUtcNow();
        var counted = await accounts.TryCountSignInAttemptAsync(account.Email, MaxFailedLogins, now, now + LockoutDuration);
        if (counted is null)
        {
            var current = await accounts.FindByIdAsync(accountId);
            return new ChangePasswordResult(ChangePasswordOutcome.LockedOut, errors, current?.LockedUntil is { } until && until > now ? until : now);
        }

        if (!HasPassword(counted, currentPassword!))
        {
            if (counted.LockedUntil is { } lockedUntil)
            {
                return new ChangePasswordResult(ChangePasswordOutcome.LockedOut, errors, lockedUntil);
            }

            errors.Add("currentPassword", "The current password is wrong.");
            return new ChangePasswordResult(ChangePasswordOutcome.Invalid, errors);
        }

        await accounts.ChangePasswordAsync(accountId, hasher.HashPassword(counted, newPassword!), now, keptSessionId);
        return new ChangePasswordResult(ChangePasswordOutcome.Changed, errors);
    }

    /// <summary>The operator's reset (no e-mail sender yet): sets the password, ends every session and any lock.</summary>
    public async Task<ValidationErrors> ResetPasswordAsync(ConsultantAccount account, string? newPassword)
    {
        var errors = new ValidationErrors();
        CheckNewPassword(errors, "password", newPassword);
        if (errors.IsEmpty)
        {
            await accounts.ChangePasswordAsync(account.Id, hasher.HashPassword(account, newPassword!), time.GetUtcNow(), keptSessionId: null);
        }

        return errors;
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
