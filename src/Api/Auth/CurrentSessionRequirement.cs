using Consultant.Grains.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Consultant.Api.Auth;

/// <summary>
/// An API token's session is checked against <see cref="SignedOutSessions"/> on each request: a token lives for
/// hours, and a password change must end the other sessions at once. (The dashboard's cookie is checked as it is read,
/// by <see cref="SignedOutCookies"/>.)
/// </summary>
public sealed class CurrentSessionRequirement : IAuthorizationRequirement;
