using Consultant.Grains.Accounts;

namespace Consultant.Silo;

/// <summary>
/// <c>Admin:AccountIds</c>: ids (comma-separated) of existing accounts the operator makes administrators at start-up.
/// An id is only known once its account exists, so nobody can claim the role by registering first. Removing an id
/// from the list does not revoke the flag: <c>Consultant.Silo --revoke-admin</c> does.
/// </summary>
internal static partial class ConfiguredAdministrators
{
    public const string ConfigurationKey = "Admin:AccountIds";

    public static async Task GrantAsync(IConfiguration configuration, ConsultantAccountRepository accounts, ILogger logger)
    {
        var listed = (configuration[ConfigurationKey] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in listed)
        {
            if (!Guid.TryParse(entry, out var id))
            {
                throw new InvalidOperationException($"{ConfigurationKey} lists '{entry}', which is no account id (a GUID).");
            }

            if (!await accounts.SetAdminAsync(id, isAdmin: true))
            {
                NoSuchAccount(logger, ConfigurationKey, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} lists {AccountId}, but there is no such account; nothing granted")]
    private static partial void NoSuchAccount(ILogger logger, string key, Guid accountId);
}
