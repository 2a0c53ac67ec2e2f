using Consultant.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Consultant.Grains.Dashboard;

/// <summary>
/// Fans one consultant's events out to the relay of every silo that has a dashboard of theirs open. Holds no
/// state worth keeping: after a restart the relays subscribe again within a renewal period.
/// </summary>
[GrainType("consultant-events")]
public sealed class ConsultantEventsGrain(ILogger<ConsultantEventsGrain> logger) : Grain, IConsultantEventsGrain
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

    public Task PublishAsync(DashboardEvent dashboardEvent) =>
        dashboardEvent.ConsultantId == this.GetPrimaryKey()
            ? relays.Notify(relay => relay.OnEventAsync(dashboardEvent))
            : Task.CompletedTask; // never cross tenants, whatever the caller sends
}
