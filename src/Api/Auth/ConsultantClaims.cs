using System.Security.Claims;
using Consultant.Grains.Accounts;

namespace Consultant.Api.Auth;

public static class ConsultantClaims
{
    public const string Role = "consultant";

    public static ClaimsPrincipal CreatePrincipal(ConsultantAccount account, string authenticationScheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Email, account.Email),
                new Claim(ClaimTypes.Role, Role),
            ],
            authenticationScheme));

    /// <summary>The signed-in consultant; every query is scoped by it.</summary>
    public static Guid GetConsultantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request is not signed in as a consultant.");
}
