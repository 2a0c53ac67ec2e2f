using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// <c>bench/run.sh --tail-phases [--set Key=Value ...]</c>: the product as shipped, warmed as the full run warms it, then
/// only the phases whose aims are tails: the open loop (500/s, 20 s here), sustained new conversations and a burst due at
/// once, the sustained phase's tail printed by arrival second. A few minutes per try when the work is those aims;
/// RESULTS.md is not written (the full run measures them next to everything else). <c>--set</c> adds configuration or a
/// <c>DOTNET_</c> variable to the product's process.
/// </summary>
internal static class TailPhasesBench
{
    private const int Consultants = 120;
    private const int WarmUpWebhooks = 5000;
    private const double DebounceSeconds = 4;

    public static async Task<int> RunAsync(bool quick, string[] args)
    {
        var settings = args.Zip(args.Skip(1)).Where(pair => pair.First == "--set").Select(pair => pair.Second.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Console.WriteLine($"Tail phases, the product with {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}").DefaultIfEmpty("nothing changed"))}...");
        await using var twilio = await FakeTwilio.StartAsync();
        await using var ai = await FakeAi.StartAsync();
        await using var product = await BenchProduct.StartAsync(twilio, ai, Consultants, DebounceSeconds, "", settings);
        using var http = LoadLoops.Client(product.BaseUrl);
        var warm = SeparateProcessBench.Conversations(product.Tenants, WarmUpWebhooks);
        await LoadLoops.ClosedAsync(WarmUpWebhooks, 32, i => LoadLoops.PostWebhookAsync(http, warm[i], "warm"));
        await SeparateProcessBench.DrainAsync(product);

        var openSeconds = quick ? 2 : 20;
        Console.WriteLine($"  open loop: 500/s for {openSeconds} s...");
        var open = await LoadLoops.OpenAsync(500, openSeconds, i => LoadLoops.PostWebhookAsync(http, warm[i % warm.Count], $"rate {i}"));
        Console.WriteLine($"  open loop ack p50 / p99 / max: {open.P50:0.0} / {open.P99:0.0} / {open.Max:0.0} ms");
        await SeparateProcessBench.DrainAsync(product);

        var report = new StringBuilder();
        var once = await SustainedConversations.RunAsync(product, twilio, ai, http, 200, quick ? 3 : 30, DebounceSeconds, report);
        await SeparateProcessBench.DrainAsync(product);
        once &= await DueBurst.RunAsync(product, twilio, http, quick ? 100 : 1000, DebounceSeconds, report);
        Console.WriteLine(report);
        return once ? 0 : 1;
    }
}
