using Consultant.Grains.Settings;

namespace Consultant.Silo;

/// <summary>
/// At start: numbers claimed before the registry stored AccountSids get theirs from the owner's saved settings, so
/// they are keyed by (number, AccountSid) like every new claim. Until then such a row still routes its number's
/// webhooks to its owner (whose AccountSid the webhook checks), so nothing is lost meanwhile.
/// </summary>
internal sealed partial class WhatsAppNumberBackfill(
    WhatsAppNumberRegistry numbers, IGrainFactory grains, ILogger<WhatsAppNumberBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var filled = await numbers.BackfillAccountSidsAsync(grains);
            if (filled > 0)
            {
                Backfilled(logger, filled);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            BackfillFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the Twilio AccountSid of {Count} WhatsApp number(s) claimed before it was kept")]
    private static partial void Backfilled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The WhatsApp number backfill failed; it runs again at the next start")]
    private static partial void BackfillFailed(ILogger logger, Exception exception);
}
