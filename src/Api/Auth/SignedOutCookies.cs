using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api.Auth;

/// <summary>
/// The dashboard cookie's side of <see cref="SignedOutSessions"/>: recording a sign-out, and refusing the cookie of a
/// session signed out or ended by a password change.
/// </summary>
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
        if (sessionId is null
            || !Guid.TryParse(context.Principal!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var consultantId)
            || await sessions.IsEndedAsync(consultantId, sessionId, context.Principal.GetSignedInAt()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }
}
