using Consultant.Grains.Accounts;
using Consultant.Grains.Demo;
using Consultant.Grains.Storage;

namespace Consultant.Silo;

/// <summary>
/// Runs before the Orleans silo starts (registered first): the providers read their queries from the database
/// at start-up, so the schema must be there. Marks the administrators named in <c>Admin:AccountIds</c>, and seeds the
/// demo tenant when <c>Demo:Seed</c> is true.
/// </summary>
internal sealed class DatabaseStartup(
    IConfiguration configuration, ConsultantAccountRepository accounts, DemoSeeder demo, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.Run(() => DatabaseMigrator.Migrate(DatabaseConnection.FromConfiguration(configuration), logger), cancellationToken);
        await ConfiguredAdministrators.GrantAsync(configuration, accounts, logger);
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            await demo.SeedAsync();
            await demo.SeedLanguageAsync(configuration["Demo:Language"]);
            await demo.SeedPoolKeyAsync(configuration["Demo:AiApiKey"]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
