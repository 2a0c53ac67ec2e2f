using Consultant.Grains.Accounts;
using Consultant.Grains.Storage;
using Npgsql;

namespace Consultant.Silo;

/// <summary>
/// The operator's switch: <c>Consultant.Silo --grant-admin someone@example.com</c> (or <c>--revoke-admin</c>, or an
/// account id instead of the e-mail) sets the administrator flag of an existing account and exits, without
/// starting the silo. Registering an e-mail never makes anyone an administrator.
/// </summary>
internal static class AdminCommand
{
    private const string Grant = "--grant-admin";
    private const string Revoke = "--revoke-admin";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] is Grant or Revoke;

    /// <summary>0 when the flag is set; 1 when there is no such account; 2 for a wrong command line.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter? output = null)
    {
        output ??= Console.Out;
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await output.WriteLineAsync($"Usage: Consultant.Silo {Grant}|{Revoke} <e-mail or account id>");
            return 2;
        }

        var connectionString = DatabaseConnection.FromConfiguration(configuration);
        using (var loggers = LoggerFactory.Create(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning)))
        {
            DatabaseMigrator.Migrate(connectionString, loggers.CreateLogger(nameof(AdminCommand)));
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var accounts = new ConsultantAccountRepository(dataSource);
        var login = args[1].Trim();
        var account = Guid.TryParse(login, out var id) ? await accounts.FindByIdAsync(id) : await accounts.FindByEmailAsync(login);
        if (account is null)
        {
            await output.WriteLineAsync($"There is no account {login}. The person registers first; then run this again.");
            return 1;
        }

        var isAdmin = args[0] == Grant;
        await accounts.SetAdminAsync(account.Id, isAdmin);
        await output.WriteLineAsync(isAdmin
            ? $"{account.Email} ({account.Id}) is an administrator. It takes effect at the next sign-in."
            : $"{account.Email} ({account.Id}) is no longer an administrator.");
        return 0;
    }
}
