using System.Collections.Concurrent;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Consultant.Tests;

/// <summary>A SignalR client of the hub, as a dashboard or an API user connects, recording every event.</summary>
internal sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly ConcurrentQueue<(string Name, JsonElement Payload)> events = new();

    private HubListener(HubConnection connection)
    {
        this.connection = connection;
        foreach (var name in new[] { DashboardEventNames.NewMessage, DashboardEventNames.MessageSent, DashboardEventNames.ConversationUpdated, DashboardEventNames.MessageStatusChanged, DashboardEventNames.BroadcastUpdated })
        {
            connection.On<JsonElement>(name, payload => events.Enqueue((name, payload)));
        }
    }

    public IReadOnlyList<(string Name, JsonElement Payload)> All => events.ToList();

    /// <summary>Connects to an in-process host through its test server.</summary>
    public static Task<HubListener> ConnectAsync(SiloHost host, ApiConsultant consultant) =>
        ConnectAsync(host.Server.BaseAddress, consultant, _ => host.Server.CreateHandler());

    /// <summary>Connects over the network, to a silo in its own process say.</summary>
    public static Task<HubListener> ConnectAsync(Uri baseAddress, ApiConsultant consultant) => ConnectAsync(baseAddress, consultant, handler: null);

    private static async Task<HubListener> ConnectAsync(Uri baseAddress, ApiConsultant consultant, Func<HttpMessageHandler, HttpMessageHandler>? handler)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/whatsapp"), options =>
            {
                if (handler is not null)
                {
                    options.HttpMessageHandlerFactory = handler;
                }

                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(consultant.Token);
            })
            .Build();
        var listener = new HubListener(connection);
        await connection.StartAsync();
        return listener;
    }

    /// <summary>Whether a matching event has arrived (for polling with a deadline of one's own).</summary>
    public bool Received(string name, Func<JsonElement, bool> match) => events.Any(e => e.Name == name && match(e.Payload));

    public Task WaitForAsync(string name, Func<JsonElement, bool> match) =>
        Poll.UntilAsync(() => Task.FromResult(Received(name, match)), found => found, TimeSpan.FromSeconds(30), $"a {name} event");

    /// <summary>Waits briefly for a matching event; false if none came.</summary>
    public async Task<bool> ReceivedWithinAsync(string name, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(500);
        while (!Received(name, match))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
