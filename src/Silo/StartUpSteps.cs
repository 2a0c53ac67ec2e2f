namespace Consultant.Silo;

/// <summary>
/// Runs the <see cref="StartUpStep"/>s in the order they were added, after the silo has started (they call grains). A
/// step that fails is logged and the start goes on; the next start does it again.
/// </summary>
internal sealed partial class StartUpSteps(IEnumerable<StartUpStep> steps, IServiceProvider services, ILogger<StartUpSteps> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await step.RunAsync(services);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StepFailed(logger, step.Description, ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "At start, {Step} failed; the next start tries again")]
    private static partial void StepFailed(ILogger logger, string step, Exception exception);
}
