using Consultant.Grains.Abstractions;

namespace Consultant.Silo;

/// <summary>At start: makes sure the retry of Google Calendar copies is scheduled. A failure is logged; the next start tries again.</summary>
internal sealed partial class GoogleCalendarRetrySchedule(IGrainFactory grains, ILogger<GoogleCalendarRetrySchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await grains.GetGrain<IGoogleCalendarRetryGrain>(0).EnsureScheduledAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SchedulingFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retry of Google Calendar copies could not be scheduled; the next start tries again")]
    private static partial void SchedulingFailed(ILogger logger, Exception exception);
}
