using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api.Auth;

/// <summary>The dashboard cookie's side of <see cref="SignedOutSessions"/>: recording a sign-out and refusing its cookie.</summary>
internal static class SignedOutCookies
{
    public static async Task RecordAsync(HttpContext http, SignedOutSessions sessions)
    {
        var result = await http.AuthenticateAsync(AuthSchemes.Cookie);
        if (result.Principal?.GetSessionId() is { } sessionId)
        {
            var expiresAt = result.Properties?.ExpiresUtc ?? DateTimeOffset.UtcNow + AuthenticationSetup.CookieLifetime;
            await sessions.SignOutAsync(result.Principal.GetConsultantId(), sessionId, expiresAt);
        }
    }

    public static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.GetSessionId();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignedOutSessions>();
        if (sessionId is null || await sessions.IsSignedOutAsync(sessionId))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }
}
