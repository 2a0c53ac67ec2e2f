using Consultant.Api.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace Consultant.Web.Shared;

internal static class CurrentConsultant
{
    /// <summary>The signed-in consultant's id: every page scopes what it shows by it.</summary>
    public static async Task<Guid> GetIdAsync(Task<AuthenticationState> authenticationState) =>
        (await authenticationState).User.GetConsultantId();

    /// <summary>Who did it, as a message by hand or the AI switch records it.</summary>
    public static async Task<string> GetNameAsync(Task<AuthenticationState> authenticationState) =>
        (await authenticationState).User.Identity?.Name ?? "consultant";
}
