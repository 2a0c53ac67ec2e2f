namespace Consultant.Grains.Abstractions;

/// <summary>
/// A silo's relay to its SignalR connections and open dashboard pages. Two-way on purpose: a one-way call to an
/// observer on a silo the sender has not looked up yet is dropped, and a failing relay is dropped by the fan-out.
/// </summary>
[Alias("Consultant.IDashboardEventsObserver")]
public interface IDashboardEventsObserver : IGrainObserver
{
    [Alias("OnEvent")]
    Task OnEventAsync(DashboardEvent dashboardEvent);
}
