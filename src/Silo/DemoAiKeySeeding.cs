using Consultant.Grains.Demo;

namespace Consultant.Silo;

/// <summary>
/// After the silo has started (it writes the consultant grain): with <c>Demo:Seed</c> and <c>Demo:AiApiKey</c>, the
/// demo consultant gets that key as their own (see <see cref="DemoSeeder.SeedConsultantAiKeyAsync"/>). A failure is
/// logged and the start goes on; the next start tries again.
/// </summary>
internal sealed partial class DemoAiKeySeeding(IConfiguration configuration, DemoSeeder demo, ILogger<DemoAiKeySeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Demo:Seed"))
        {
            return;
        }

        try
        {
            await demo.SeedConsultantAiKeyAsync(configuration["Demo:AiApiKey"]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SeedingFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo consultant's AI key could not be saved; the next start tries again")]
    private static partial void SeedingFailed(ILogger logger, Exception exception);
}
