using Consultant.Grains.Demo;

namespace Consultant.Silo;

/// <summary>
/// After the silo has started (it writes conversation grains): with <c>Demo:Seed</c>, the demo consultant gets 30 days
/// of history once (see <see cref="DemoHistorySeeder"/>). A failure is logged and the start goes on; the next start
/// tries again.
/// </summary>
internal sealed partial class DemoHistorySeeding(IConfiguration configuration, DemoHistorySeeder history, ILogger<DemoHistorySeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        try
        {
            await history.SeedAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SeedingFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo consultant's history could not be seeded; the next start tries again")]
    private static partial void SeedingFailed(ILogger logger, Exception exception);
}
