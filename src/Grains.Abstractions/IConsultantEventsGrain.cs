using Orleans.Concurrency;

namespace Consultant.Grains.Abstractions;

/// <summary>
/// The fan-out of one consultant's live events (keyed by consultant id): every silo with a dashboard of this
/// consultant open subscribes its relay; conversations publish here, wherever they live.
/// </summary>
[Alias("Consultant.IConsultantEventsGrain")]
public interface IConsultantEventsGrain : IGrainWithGuidKey
{
    /// <summary>Subscribes or renews; a subscription not renewed within a few minutes lapses.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(IDashboardEventsObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(IDashboardEventsObserver observer);

    /// <summary>One-way: publishing never slows the conversation down or fails it.</summary>
    [OneWay]
    [Alias("Publish")]
    Task PublishAsync(DashboardEvent dashboardEvent);
}
