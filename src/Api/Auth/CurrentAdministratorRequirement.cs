using Microsoft.AspNetCore.Authorization;

namespace Consultant.Api.Auth;

/// <summary>
/// The admin role a cookie or token carries is checked against the account's flag on each request: cookies live for
/// days, and an operator's revocation must take effect at once.
/// </summary>
public sealed class CurrentAdministratorRequirement : IAuthorizationRequirement;
