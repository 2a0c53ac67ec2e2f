using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Consultant.Api.Auth;

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
