using System.Globalization;
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

    /// <summary>The new account; refused naming the field, or a conflict when the e-mail has an account already.</summary>
    public async Task<Result<ConsultantAccount>> RegisterAsync(string? email, string? password, string? name)
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
            return Problem.Invalid(errors);
        }

        var account = new ConsultantAccount(
            Guid.NewGuid(), email!.Trim(), name!.Trim(), string.Empty, 0, null, time.GetUtcNow());
        account = account with { PasswordHash = hasher.HashPassword(account, password!) };

        return await accounts.TryCreateAsync(account)
            ? account
            : Problem.Conflict("E-mail already registered", "email", "An account with this e-mail already exists. Sign in instead.",
                detail: "An account with this e-mail already exists. Sign in instead.");
    }

    /// <summary>The signed-in account; unauthorized for a wrong e-mail or password, too many attempts while locked.</summary>
    public async Task<Result<ConsultantAccount>> LoginAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return WrongCredentials();
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
            return account.LockedUntil is { } lockedUntil ? Locked(lockedUntil) : WrongCredentials();
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(account.Id, hasher.HashPassword(account, password));
        }

        await accounts.ResetFailedLoginsAsync(account.Id);
        return account with { FailedLoginCount = 0, LockedUntil = null };
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
    public async Task<Result<Done>> ChangePasswordAsync(
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
            return Problem.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var counted = await accounts.TryCountSignInAttemptAsync(account.Email, MaxFailedLogins, now, now + LockoutDuration);
        if (counted is null)
        {
            var current = await accounts.FindByIdAsync(accountId);
            return Locked(current?.LockedUntil is { } until && until > now ? until : now);
        }

        if (!HasPassword(counted, currentPassword!))
        {
            if (counted.LockedUntil is { } lockedUntil)
            {
                return Locked(lockedUntil);
            }

            return Problem.Invalid("currentPassword", "The current password is wrong.");
        }

        await accounts.ChangePasswordAsync(accountId, hasher.HashPassword(counted, newPassword!), now, keptSessionId);
        return Done.Instance;
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
    private async Task<Result<ConsultantAccount>> NotCountedAsync(string email, string password, DateTimeOffset now)
    {
        var existing = await accounts.FindByEmailAsync(email);
        if (existing is null)
        {
            // Hash anyway so an unknown e-mail takes as long as a wrong password.
            hasher.HashPassword(new ConsultantAccount(Guid.Empty, "", "", "", 0, null, default), password);
            return WrongCredentials();
        }

        // Refused while locked; should the lock have ended in between, this attempt still counts as refused.
        return Locked(existing.LockedUntil is { } until && until > now ? until : now);
    }

    private static Problem WrongCredentials() => Problem.Unauthorized("Sign-in failed", "The e-mail or the password is wrong.");

    /// <summary>Sign-ins and password changes alike: the current password is a guess like a sign-in's.</summary>
    private static Problem Locked(DateTimeOffset lockedUntil) => Problem.TooManyAttempts(
        "Too many failed sign-ins",
        string.Create(CultureInfo.InvariantCulture, $"This account is locked after {MaxFailedLogins} failed attempts. Try again after {lockedUntil:HH:mm} UTC."),
        lockedUntil);
}
