using Orleans.Concurrency;

namespace Consultant.Grains.Abstractions;

/// <summary>A silo's relay to its SignalR connections and open dashboard pages. One-way: a slow silo never holds up others.</summary>
[Alias("Consultant.IDashboardEventsObserver")]
public interface IDashboardEventsObserver : IGrainObserver
{
    [OneWay]
    [Alias("OnEvent")]
    Task OnEventAsync(DashboardEvent dashboardEvent);
}
