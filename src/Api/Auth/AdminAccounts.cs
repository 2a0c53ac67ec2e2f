using Microsoft.Extensions.Configuration;

namespace Consultant.Api.Auth;

/// <summary>Accounts whose e-mail is listed in <c>Admin:Emails</c> (comma-separated) also get the admin role.</summary>
public sealed class AdminAccounts(IConfiguration configuration)
{
    public bool IsAdmin(string email) =>
        (configuration["Admin:Emails"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(email.Trim(), StringComparer.OrdinalIgnoreCase);
}
