using Consultant.Grains.Abstractions;

namespace Consultant.Silo;

/// <summary>
/// At start: makes sure the cluster's recovery sweep is scheduled, and runs one sweep at once so a burst
/// acknowledged just before a crash is answered within the debounce rather than at the next sweep.
/// Waking a conversation that is busy or already answered does nothing.
/// </summary>
internal sealed partial class UnansweredConversationsRecovery(IGrainFactory grains, ILogger<UnansweredConversationsRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var sweep = grains.GetGrain<IRecoverySweepGrain>(0);
            await sweep.EnsureScheduledAsync();
            await sweep.SweepAsync(TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecoveryFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start-up recovery sweep failed; the minute reminder will sweep again")]
    private static partial void RecoveryFailed(ILogger logger, Exception exception);
}
