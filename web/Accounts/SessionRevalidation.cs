using System.Security.Claims;
using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;

namespace Consultant.Web.Accounts;

/// <summary>
/// A dashboard tab stays connected for hours without a new request carrying its cookie: its session is checked again
/// every <see cref="RevalidationInterval"/>, so a sign-out or a password change elsewhere ends an open tab too (it is
/// sent to the sign-in page).
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggers, SignedOutSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        return user.GetSessionId() is { } sessionId
            && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var consultantId)
            && !await sessions.IsEndedAsync(consultantId, sessionId, user.GetSignedInAt());
    }
}
