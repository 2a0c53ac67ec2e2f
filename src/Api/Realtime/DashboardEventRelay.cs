using System.Collections.Concurrent;
using System.Globalization;
using Consultant.Grains.Abstractions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Consultant.Api.Realtime;

/// <summary>
/// This silo's relay of live events: subscribed to the events grain of every consultant with a dashboard open
/// here (a SignalR connection or a dashboard page), it hands each event to that consultant's SignalR group and
/// to the open pages. Subscriptions are renewed every minute and dropped when the last listener leaves.
/// </summary>
public sealed partial class DashboardEventRelay(
    IGrainFactory grains,
    IHubContext<WhatsAppHub> hub,
    ILogger<DashboardEventRelay> logger) : BackgroundService, IDashboardEventsObserver
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Listeners> listeners = new();
    private readonly Lock bookkeeping = new(); // adding and removing listeners; reading goes without it
    private readonly Lock referenceLock = new();
    private IDashboardEventsObserver? reference; // held strongly: Orleans keeps only a weak one

    public static string GroupName(Guid consultantId) => $"consultant:{consultantId:N}";

    /// <summary>A SignalR connection of this consultant arrived on this silo.</summary>
    public Task AddConnectionAsync(Guid consultantId) => AddAsync(consultantId, handler: null);

    public Task RemoveConnectionAsync(Guid consultantId) => RemoveAsync(consultantId, handler: null);

    /// <summary>An open dashboard page listens; dispose the result when it closes.</summary>
    public async Task<IAsyncDisposable> ListenAsync(Guid consultantId, Func<DashboardEvent, Task> handler)
    {
        var inPageCulture = InCallersCulture(handler);
        await AddAsync(consultantId, inPageCulture);
        return new Subscription(() => RemoveAsync(consultantId, inPageCulture));
    }

    /// <summary>
    /// Events arrive on Orleans' threads, in no page's language: a page's handler runs in the culture the page listened
    /// in, so what it renders on an event is in the page's language and formats.
    /// </summary>
    private static Func<DashboardEvent, Task> InCallersCulture(Func<DashboardEvent, Task> handler)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return async dashboardEvent =>
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            await handler(dashboardEvent);
        };
    }

    public async Task OnEventAsync(DashboardEvent dashboardEvent)
    {
        if (!listeners.TryGetValue(dashboardEvent.ConsultantId, out var local))
        {
            return;
        }

        object? payload = (object?)dashboardEvent.Message ?? (object?)dashboardEvent.Conversation ?? dashboardEvent.Broadcast;
        try
        {
            await hub.Clients.Group(GroupName(dashboardEvent.ConsultantId)).SendAsync(dashboardEvent.Name, payload);
        }
        catch (Exception ex)
        {
            RelayFailed(logger, ex, dashboardEvent.Name);
        }

        // Pages are not awaited: Orleans hands this observer one event at a time for every consultant on this
        // silo, so one slow browser must not hold the others up.
        foreach (var handler in local.Handlers())
        {
            _ = RunHandlerAsync(handler, dashboardEvent);
        }
    }

    private async Task RunHandlerAsync(Func<DashboardEvent, Task> handler, DashboardEvent dashboardEvent)
    {
        try
        {
            await handler(dashboardEvent);
        }
        catch (Exception ex)
        {
            RelayFailed(logger, ex, dashboardEvent.Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var consultantId in listeners.Keys)
            {
                await SubscribeAsync(consultantId);
            }
        }
    }

    private async Task AddAsync(Guid consultantId, Func<DashboardEvent, Task>? handler)
    {
        lock (bookkeeping)
        {
            listeners.GetOrAdd(consultantId, _ => new Listeners()).Add(handler);
        }

        // Subscribing again is harmless (it renews), and keeps this simple under concurrent arrivals.
        await SubscribeAsync(consultantId);
    }

    /// <summary>A failure is logged, not thrown: the listener stays registered and the renewal retries within a minute.</summary>
    private async Task SubscribeAsync(Guid consultantId)
    {
        try
        {
            await grains.GetGrain<IConsultantEventsGrain>(consultantId).SubscribeAsync(Reference());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RenewFailed(logger, ex, consultantId);
        }
    }

    private async Task RemoveAsync(Guid consultantId, Func<DashboardEvent, Task>? handler)
    {
        lock (bookkeeping)
        {
            if (!listeners.TryGetValue(consultantId, out var local) || !local.Remove(handler))
            {
                return;
            }

            listeners.TryRemove(consultantId, out _);
        }

        try
        {
            await grains.GetGrain<IConsultantEventsGrain>(consultantId).UnsubscribeAsync(Reference());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RenewFailed(logger, ex, consultantId); // the subscription lapses on its own
        }

        if (listeners.ContainsKey(consultantId))
        {
            await SubscribeAsync(consultantId); // someone arrived while we were leaving
        }
    }

    private IDashboardEventsObserver Reference()
    {
        lock (referenceLock)
        {
            return reference ??= grains.CreateObjectReference<IDashboardEventsObserver>(this);
        }
    }

    /// <summary>The listeners of one consultant on this silo: a count of SignalR connections and the open pages' handlers.</summary>
    private sealed class Listeners
    {
        private readonly Lock gate = new();
        private readonly List<Func<DashboardEvent, Task>> handlers = [];
        private int connections;

        public void Add(Func<DashboardEvent, Task>? handler)
        {
            lock (gate)
            {
                if (handler is null)
                {
                    connections++;
                }
                else
                {
                    handlers.Add(handler);
                }
            }
        }

        /// <summary>Returns true when nobody is left.</summary>
        public bool Remove(Func<DashboardEvent, Task>? handler)
        {
            lock (gate)
            {
                if (handler is null)
                {
                    connections = Math.Max(0, connections - 1);
                }
                else
                {
                    handlers.Remove(handler);
                }

                return connections == 0 && handlers.Count == 0;
            }
        }

        public Func<DashboardEvent, Task>[] Handlers()
        {
            lock (gate)
            {
                return [.. handlers];
            }
        }
    }

    private sealed class Subscription(Func<Task> dispose) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard event {EventName} could not be relayed")]
    private static partial void RelayFailed(ILogger logger, Exception exception, string eventName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the dashboard subscription of consultant {ConsultantId} failed; retried next minute")]
    private static partial void RenewFailed(ILogger logger, Exception exception, Guid consultantId);
}
