using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Consultant.Api.Auth;

/// <summary>
/// The admin role a cookie or token carries is checked against the account's flag on each request: cookies live for
/// days, and an operator's revocation must take effect at once.
/// </summary>
public sealed class CurrentAdministratorRequirement : IAuthorizationRequirement;

internal sealed class CurrentAdministratorHandler(ConsultantAccountRepository accounts)
    : AuthorizationHandler<CurrentAdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentAdministratorRequirement requirement)
    {
        if (context.User.IsInRole(ConsultantClaims.AdminRole)
            && Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id)
            && await accounts.IsAdminAsync(id))
        {
            context.Succeed(requirement);
        }
    }
}
