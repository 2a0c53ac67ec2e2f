using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Auth;

/// <summary>
/// An API token's session is checked against <see cref="SignedOutSessions"/> on each request: a token lives for
/// hours, and a password change must end the other sessions at once. (The dashboard's cookie is checked as it is read,
/// by <see cref="SignedOutCookies"/>.)
/// </summary>
public sealed class CurrentSessionRequirement : IAuthorizationRequirement;

internal sealed class CurrentSessionHandler(SignedOutSessions sessions) : AuthorizationHandler<CurrentSessionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentSessionRequirement requirement)
    {
        if (!context.User.Identities.Any(identity => identity.AuthenticationType == AuthSchemes.Bearer))
        {
            context.Succeed(requirement); // a cookie: already checked
            return;
        }

        if (context.User.GetSessionId() is { } sessionId
            && Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var consultantId)
            && !await sessions.IsEndedAsync(consultantId, sessionId, context.User.GetSignedInAt()))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>An ended session's token gets 401 (sign in again), not the 403 of a refused permission.</summary>
internal sealed class EndedSessionChallenge : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<CurrentSessionRequirement>().Any() == true
            ? context.ChallengeAsync(AuthSchemes.Bearer)
            : standard.HandleAsync(next, context, policy, authorizeResult);
}
