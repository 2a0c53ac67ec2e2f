using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Consultant.Api.Auth;

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
