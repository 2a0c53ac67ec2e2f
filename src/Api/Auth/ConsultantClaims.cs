using System.Security.Claims;
using Consultant.Grains.Accounts;

namespace Consultant.Api.Auth;

public static class ConsultantClaims
{
    public const string Role = "consultant";
    public const string AdminRole = "admin";
    public const string SessionIdClaim = "consultant_session";

    /// <summary>When the session signed in (Unix milliseconds): a password change ends the sessions from before it.</summary>
    public const string SignedInAtClaim = "consultant_signed_in_at";

    /// <summary>The claims of both the dashboard's cookie and the API's bearer token, so both agree on the admin role.</summary>
    public static ClaimsPrincipal CreatePrincipal(ConsultantAccount account, string authenticationScheme, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Role, Role),
            // Names this sign-in, so signing out can end exactly this session (see SignedOutSessions).
            new(SessionIdClaim, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
            new(SignedInAtClaim, signedInAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (account.IsAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme));
    }

    public static string? GetSessionId(this ClaimsPrincipal user) => user.FindFirstValue(SessionIdClaim);

    /// <summary>The session's sign-in time; the earliest possible for a session from before the claim existed.</summary>
    public static DateTimeOffset GetSignedInAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SignedInAtClaim), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MinValue;

    /// <summary>The signed-in consultant; every query is scoped by it.</summary>
    public static Guid GetConsultantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not signed in as a consultant.");
}
