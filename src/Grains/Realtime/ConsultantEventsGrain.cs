using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace Consultant.Grains.Realtime;

/// <summary>
/// Fans one consultant's events out to the relay of every silo that has a dashboard of theirs open. Holds no
/// state worth keeping: after a restart the relays subscribe again within a renewal period.
/// Reentrant, so a slow or vanished silo never holds up the next event; the fan-out works on a snapshot of the
/// relays, since a subscription may arrive while it awaits.
/// </summary>
[GrainType("consultant-events")]
[Reentrant]
public sealed partial class ConsultantEventsGrain(ILogger<ConsultantEventsGrain> logger) : Grain, IConsultantEventsGrain
{
    /// <summary>Relays renew every minute; a silo gone for longer is dropped.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(3);

    private readonly ObserverManager<IDashboardEventsObserver> relays = new(SubscriptionLifetime, logger);

    public Task SubscribeAsync(IDashboardEventsObserver observer)
    {
        relays.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IDashboardEventsObserver observer)
    {
        relays.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task PublishAsync(DashboardEvent dashboardEvent)
    {
        if (dashboardEvent.ConsultantId != this.GetPrimaryKey())
        {
            return; // never cross tenants, whatever the caller sends
        }

        relays.ClearExpired();
        var current = relays.Observers.Values.ToList();
        await Task.WhenAll(current.Select(async relay =>
        {
            try
            {
                await relay.OnEventAsync(dashboardEvent);
            }
            catch (Exception ex)
            {
                RelayUnreachable(logger, ex);
                relays.Unsubscribe(relay); // it subscribes again at its next renewal if it is still there
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A silo's dashboard relay could not be reached; it is dropped until it renews")]
    private static partial void RelayUnreachable(ILogger logger, Exception exception);
}
