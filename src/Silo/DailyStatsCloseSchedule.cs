using Consultant.Grains.Abstractions;

namespace Consultant.Silo;

/// <summary>
/// At start: makes sure the cluster's nightly close of daily statistics is scheduled (a reminder; registering it
/// again changes nothing). A failure is logged and the next start tries again.
/// </summary>
internal sealed partial class DailyStatsCloseSchedule(IGrainFactory grains, ILogger<DailyStatsCloseSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<IDailyStatsCloserGrain>(0).EnsureScheduledAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulingFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The nightly close of daily statistics could not be scheduled; the next start tries again")]
    private static partial void SchedulingFailed(ILogger logger, Exception exception);
}
