using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Consultant.Api.Auth;

/// <summary>Issues the API's bearer tokens in the format the BearerToken handler reads back.</summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TimeProvider time)
{
    public IssuedToken Issue(ConsultantAccount account)
    {
        var bearer = options.Get(AuthSchemes.Bearer);
        var now = time.GetUtcNow();
        var expiresAt = now + bearer.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(
            ConsultantClaims.CreatePrincipal(account, AuthSchemes.Bearer, now),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expiresAt },
            AuthSchemes.Bearer);
        return new IssuedToken(bearer.BearerTokenProtector.Protect(ticket), expiresAt);
    }
}
