using System.Diagnostics;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>A contact writing to one consultant's number.</summary>
internal sealed record BenchConversation(BenchTenant Tenant, string Contact);

/// <summary>The two ways load is offered, and Twilio's signed webhook as the unit of it.</summary>
internal static class LoadLoops
{
    /// <summary>Fixed concurrency, each worker as fast as the server answers.</summary>
    public static async Task<(LatencyStats Stats, double PerSecond)> ClosedAsync(int requests, int concurrency, Func<int, Task> send)
    {
        var latencies = new double[requests];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var one = Stopwatch.StartNew();
                await send(i);
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }));
        return (new LatencyStats(latencies), requests / watch.Elapsed.TotalSeconds);
    }

    /// <summary>Requests start on a fixed schedule; latency counts from the scheduled start (no coordinated omission).</summary>
    public static async Task<LatencyStats> OpenAsync(int rate, int seconds, Func<int, Task> send)
    {
        var total = rate * seconds;
        var latencies = new double[total];
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                await send(index);
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(tasks);
        return new LatencyStats(latencies);
    }

    /// <summary>An inbound message as Twilio posts it, signed with the consultant's Auth Token; anything but 2xx fails the run.</summary>
    public static async Task PostWebhookAsync(HttpClient http, BenchConversation conversation, string body)
    {
        var form = TwilioWebhook.InboundForm(conversation.Tenant.AccountSid, conversation.Contact, conversation.Tenant.Number, body);
        using var response = await TwilioWebhook.PostAsync(http, SiloHost.WebhookUrl, conversation.Tenant.AuthToken, form);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Webhook answered {(int)response.StatusCode}");
        }
    }

    public static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
        // An open loop above the product's capacity queues for minutes: that queueing is the figure, not an error.
        Timeout = TimeSpan.FromMinutes(10),
    };
}
