using System.Globalization;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// <c>bench/run.sh --two-silos</c> (issue 20, past one machine): two product processes of one Orleans cluster on one
/// database (ADO.NET membership; each its own HTTP, silo and gateway ports, <see cref="SiloCluster"/>), the one load
/// generator sending its webhooks to both in turn. Shows every message answered exactly once (the same check as the
/// default run) and the work spread over both: webhooks acknowledged by each, the CPU each process used, and where
/// Orleans placed the conversation grains (the management grain's activation counts, what the Orleans Dashboard shows).
/// </summary>
internal static class TwoSiloBench
{
    public const string Marker = "<!-- two-silos -->";
    private const int Concurrency = 32;
    private const double DebounceSeconds = 4;

    public static async Task<int> RunAsync(bool quick, string output)
    {
        var consultants = quick ? 20 : 120;
        var closedRequests = quick ? 500 : 5000;
        var conversations = quick ? 100 : 1000;
        var started = DateTimeOffset.UtcNow;
        var loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "unknown";

        Console.WriteLine($"Two silos of one cluster, {consultants} consultants...");
        await using var twilio = await FakeTwilio.StartAsync();
        await using var ai = await FakeAi.StartAsync();
        await using var product = await BenchProduct.StartAsync(twilio, ai, consultants, DebounceSeconds, "", new Dictionary<string, string>(), silos: 2);
        var silos = product.Cluster.Silos;
        using var first = LoadLoops.Client(silos[0].BaseUrl);
        using var second = LoadLoops.Client(silos[1].BaseUrl);
        var acknowledged = new int[2];
        Task Post(BenchConversation target, int i, string body) => PostCountedAsync(i % 2 == 0 ? first : second, i % 2, target, body, acknowledged);

        var warm = SeparateProcessBench.Conversations(product.Tenants, 200);
        await LoadLoops.ClosedAsync(closedRequests / 10, Concurrency, i => Post(warm[i % warm.Count], i, "warm"));
        await SeparateProcessBench.DrainAsync(product);

        Console.WriteLine($"  closed loop: {closedRequests} webhooks at concurrency {Concurrency}, alternating silos...");
        var load = SeparateProcessBench.Conversations(product.Tenants, closedRequests / 5);
        var ((closed, closedCpu1), closedCpu2) = await BothAsync(silos, () => LoadLoops.ClosedAsync(closedRequests, Concurrency, i => Post(load[i % load.Count], i, $"load {i}")));
        await SeparateProcessBench.DrainAsync(product);

        // Each conversation's first message to one silo, its second to the other: one conversation, two entry points.
        Console.WriteLine($"  debounce: {conversations} conversations, their two messages through different silos...");
        var targets = SeparateProcessBench.Conversations(product.Tenants, conversations);
        var lastAck = new DateTimeOffset[conversations];
        var since = DateTimeOffset.UtcNow;
        var ((_, debounceCpu1), debounceCpu2) = await BothAsync(silos, async () =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, conversations), new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (i, _) =>
            {
                await Post(targets[i], i, "first");
                await Post(targets[i], i + 1, "second");
                lastAck[i] = DateTimeOffset.UtcNow;
            });
            return await TwilioReplies.FirstAfterAsync(twilio, targets.Select(t => t.Contact).ToList(), since, TimeSpan.FromMinutes(3));
        });
        var answered = await LastBatchReplies.ReadAsync(product, twilio, targets.Select(t => t.Contact).ToList());
        var overhead = new LatencyStats(Enumerable.Range(0, conversations).Where(i => answered.RepliedAt.ContainsKey(targets[i].Contact))
            .Select(i => (answered.RepliedAt[targets[i].Contact] - lastAck[i]).TotalMilliseconds - DebounceSeconds * 1000));
        var answeredOnce = answered.NotOncePerBatch == 0;

        var exactly = new StringBuilder();
        var once = await ExactlyOnceCheck.AppendAsync(product, twilio, answeredOnce, "the debounce phase", exactly);
        var placed = await ConversationGrainsPerSiloAsync(product.Cluster);

        var report = new StringBuilder();
        report.AppendLine("## Two silos of one cluster (`bench/run.sh --two-silos`)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: reduced sizes, not representative)" : "")}; load average when it started: {loadAverage}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{BenchFacts.Git("rev-parse --short HEAD")}`; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Set-up: two product processes (`Consultant.Silo`, Production) forming one Orleans cluster on one fresh database (ADO.NET membership; each its own HTTP, silo and gateway ports), on this machine; the load generator with fake Twilio and fake AI in this process sends its webhooks to the two in turn. {consultants} consultants, each its own Twilio account and number. Debounce {DebounceSeconds} s. CPU columns as in the section above (`server` = that silo's process).");
        report.AppendLine().AppendLine("| phase | result | silo 1 CPU | silo 2 CPU |").AppendLine("| --- | --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| closed loop, concurrency {Concurrency}, alternating silos | {closed.PerSecond:0} acks/s, p50 / p99 {closed.Stats.P50:0.0} / {closed.Stats.P99:0.0} ms | {closedCpu1} | {closedCpu2} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {conversations} conversations, first message to one silo and second to the other | answered {answered.RepliedAt.Count} of {conversations} ({answered.InSeveralBatches} in two batches: the second message after the first's debounce); overhead of the last batch's reply over the debounce p50 / p99 / max {overhead.P50:0} / {overhead.P99:0} / {overhead.Max:0} ms | {debounceCpu1} | {debounceCpu2} |");
        report.AppendLine().AppendLine("Work on each silo:").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Webhooks acknowledged: silo 1 {acknowledged[0]}, silo 2 {acknowledged[1]} (the generator's choice: every other one).");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Conversation grains active at the end (Orleans' management grain, all silos asked): silo 1 {placed[0]}, silo 2 {placed[1]} — where Orleans placed the conversations, wherever their webhooks arrived; a webhook to the other silo is forwarded to the grain.");
        report.AppendLine().AppendLine("Exactly once (the whole run, both silos):").AppendLine();
        report.Append(exactly);
        var spread = placed[0] > 0 && placed[1] > 0;
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Issue 20 asks: every message answered exactly once ({BenchFacts.Met(once)}); the work spread across both silos ({BenchFacts.Met(spread)}).");

        await ResultsSections.WriteAsync(output, Marker, report.ToString());
        Console.WriteLine(report);
        return once && spread ? 0 : 1;
    }

    private static async Task PostCountedAsync(HttpClient silo, int index, BenchConversation target, string body, int[] acknowledged)
    {
        await LoadLoops.PostWebhookAsync(silo, target, body);
        Interlocked.Increment(ref acknowledged[index]);
    }

    /// <summary>The CPU of each silo's process over the same phase (the generator's, PostgreSQL's and the machine's in both).</summary>
    private static async Task<((T Result, CpuUsage First), CpuUsage Second)> BothAsync<T>(IReadOnlyList<SiloProcess> silos, Func<Task<T>> phase) =>
        await CpuUsage.MeasureAsync(silos[1].ProcessId, () => CpuUsage.MeasureAsync(silos[0].ProcessId, phase));

    private static async Task<int[]> ConversationGrainsPerSiloAsync(SiloCluster cluster)
    {
        await using var orleans = await cluster.ConnectClientAsync();
        var counts = new int[cluster.Silos.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (await orleans.GrainsOnAsync(cluster.Silos[i], "conversation")).Count;
        }

        return counts;
    }
}
