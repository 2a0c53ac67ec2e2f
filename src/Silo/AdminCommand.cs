using Consultant.Grains.Accounts;
using Consultant.Grains.Storage;
using Npgsql;

namespace Consultant.Silo;

/// <summary>
/// The operator's switches, run instead of the silo: <c>Consultant.Silo --grant-admin someone@example.com</c> (or
/// <c>--revoke-admin</c>, or an account id instead of the e-mail) sets the administrator flag of an existing account;
/// registering an e-mail never makes anyone an administrator. <c>--set-password</c> sets a forgotten password (read
/// from the standard input, never from the command line) and signs the account out everywhere: there is no e-mail
/// sender for a reset link yet.
/// </summary>
internal static class AdminCommand
{
    private const string Grant = "--grant-admin";
    private const string Revoke = "--revoke-admin";
    private const string SetPassword = "--set-password";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] is Grant or Revoke or SetPassword;

    /// <summary>0 when done; 1 when there is no such account (or the password breaks the rules); 2 for a wrong command line.</summary>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter? output = null, TextReader? input = null)
    {
        output ??= Console.Out;
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            await output.WriteLineAsync($"Usage: Consultant.Silo {Grant}|{Revoke}|{SetPassword} <e-mail or account id>");
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

        if (args[0] == SetPassword)
        {
            await output.WriteLineAsync($"New password for {account.Email} (at least {AccountService.MinimumPasswordLength} characters):");
            var errors = await new AccountService(accounts, TimeProvider.System).ResetPasswordAsync(account, ReadPassword(input));
            await output.WriteLineAsync(errors.IsEmpty
                ? $"The password of {account.Email} is set; every session of the account is signed out. Tell the person over a channel you trust."
                : $"Nothing changed: {string.Join(" ", errors.ToDictionary().SelectMany(pair => pair.Value))}");
            return errors.IsEmpty ? 0 : 1;
        }

        var isAdmin = args[0] == Grant;
        await accounts.SetAdminAsync(account.Id, isAdmin);
        await output.WriteLineAsync(isAdmin
            ? $"{account.Email} ({account.Id}) is an administrator. It takes effect at the next sign-in."
            : $"{account.Email} ({account.Id}) is no longer an administrator.");
        return 0;
    }

    /// <summary>One line: from <paramref name="input"/> or a pipe as it is, typed at a terminal without echo.</summary>
    private static string? ReadPassword(TextReader? input)
    {
        if (input is not null || Console.IsInputRedirected)
        {
            return (input ?? Console.In).ReadLine();
        }

        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return typed.ToString();
    }
}
