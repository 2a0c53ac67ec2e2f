using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Auth;

/// <summary>An ended session's token gets 401 (sign in again), not the 403 of a refused permission.</summary>
internal sealed class EndedSessionChallenge : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<CurrentSessionRequirement>().Any() == true
            ? context.ChallengeAsync(AuthSchemes.Bearer)
            : standard.HandleAsync(next, context, policy, authorizeResult);
}
