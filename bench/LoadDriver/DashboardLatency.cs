using System.Diagnostics;
using System.Globalization;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// Dashboard event latency (issue 20: webhook sent → a SignalR client receives <c>NewMessage</c>, p99 under 200 ms at
/// 200 webhooks/s, 400 contacts, AI answers off). A product of its own (fresh database and process) whose consultants
/// have their AI answers off; every consultant has a dashboard open (<see cref="DashboardListener"/>: the sign-in form,
/// then the hub with the cookie). Webhooks go at a fixed rate (an open loop) to 400 contacts spread over the
/// consultants, each with a body naming it; its latency is the event's arrival − the moment its post started, both
/// in this process.
/// </summary>
internal static class DashboardLatency
{
    public const double AimP99Milliseconds = 200;
    private const int Contacts = 400;
    private const string Prefix = "dash ";

    public static async Task<string> RunAsync(int consultants, int rate, int seconds, double debounceSeconds)
    {
        Console.WriteLine($"Dashboard events: {consultants} consultants with their dashboards open, {rate} webhooks/s for {seconds} s...");
        await using var twilio = await FakeTwilio.StartAsync();
        await using var ai = await FakeAi.StartAsync();
        // Every consultant signs in from this one address; in production each from their own.
        var settings = new Dictionary<string, string> { ["Auth:SignInAttemptsPerMinutePerIp"] = "100000" };
        await using var product = await BenchProduct.StartAsync(twilio, ai, consultants, debounceSeconds, "", settings, autoResponse: false);
        using var http = LoadLoops.Client(product.BaseUrl);

        var total = rate * seconds;
        var sent = new long[total];
        var received = new long[total];
        var warmed = new bool[consultants];
        var listeners = new List<DashboardListener>();
        try
        {
            for (var c = 0; c < consultants; c++)
            {
                var index = c;
                listeners.Add(await DashboardListener.OpenAsync(product.BaseUrl, product.Tenants[c], (body, at) =>
                {
                    if (body.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(body.AsSpan(Prefix.Length), CultureInfo.InvariantCulture, out var i) && i < total)
                    {
                        Interlocked.CompareExchange(ref received[i], at, 0); // the first arrival counts
                    }
                    else
                    {
                        warmed[index] = true;
                    }
                }));
            }

            var targets = SeparateProcessBench.Conversations(product.Tenants, Contacts);
            await WarmAsync(http, targets, warmed, consultants);

            var (acks, cpu) = await CpuUsage.MeasureAsync(product.ProcessId, () => LoadLoops.OpenAsync(rate, seconds, i =>
            {
                sent[i] = Stopwatch.GetTimestamp();
                return LoadLoops.PostWebhookAsync(http, targets[i % Contacts], Prefix + i.ToString(CultureInfo.InvariantCulture));
            }));
            var deadline = DateTime.UtcNow.AddSeconds(30); // the stragglers; a missing event is reported, not waited for forever
            while (received.Any(r => r == 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            var arrived = Enumerable.Range(0, total).Where(i => received[i] != 0).ToList();
            var latency = new LatencyStats(arrived.Select(i => Stopwatch.GetElapsedTime(sent[i], received[i]).TotalMilliseconds));
            var met = latency.P99 < AimP99Milliseconds && arrived.Count == total;

            var report = new StringBuilder();
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### Dashboard event latency at {rate} webhooks/s (as shipped, AI answers off)").AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"A product process of its own on a fresh database; {consultants} consultants, AI answers off, each with the dashboard open: signed in through the sign-in form, then connected to `/hubs/whatsapp` with the session cookie (WebSockets). {rate} webhooks/s for {seconds} s (an open loop) to {Contacts} contacts spread over them; latency = the consultant's client receives `NewMessage` − the webhook's post started.").AppendLine();
            report.AppendLine("| events received | p50 | p99 | max | acks p50 / p99 (ms, from the scheduled start) | CPU (cores) |");
            report.AppendLine("| --- | --- | --- | --- | --- | --- |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| {arrived.Count} of {total} | {latency.P50:0} ms | {latency.P99:0} ms | {latency.Max:0} ms | {acks.P50:0.0} / {acks.P99:0.0} | {cpu} |");
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
                $"Aim (issue 20): p99 < {AimP99Milliseconds:0} ms at {rate} webhooks/s, every event delivered: {latency.P99:0} ms, {arrived.Count} of {total} ({BenchFacts.Met(met)}).");
            return report.ToString();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                await listener.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One message to every contact (their conversations exist, as the 400 of the issue do), until every consultant's
    /// dashboard has received an event: the hub subscribes its silo to a consultant's events while the connection
    /// starts, so the first events may come before the subscription is in place.
    /// </summary>
    private static async Task WarmAsync(HttpClient http, IReadOnlyList<BenchConversation> targets, bool[] warmed, int consultants)
    {
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (target, _) => await LoadLoops.PostWebhookAsync(http, target, "warm"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (warmed.Any(w => !w))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{warmed.Count(w => !w)} of {consultants} dashboards received no event within 60 s.");
            }

            await Task.Delay(1000);
            for (var c = 0; c < consultants; c++)
            {
                if (!warmed[c])
                {
                    await LoadLoops.PostWebhookAsync(http, targets[c], "warm again"); // targets[c] is consultant c's (round robin)
                }
            }
        }
    }
}
