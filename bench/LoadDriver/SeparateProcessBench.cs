using System.Diagnostics;
using System.Globalization;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// The webhook benchmark with the product in a process of its own (issue 20): this process is Twilio and the AI
/// (the fakes) and the load generator; the built silo runs as <c>./run.sh</c> runs it; bare Kestrel runs in a third
/// process; PostgreSQL is the throwaway server of bench/run.sh. Load is spread over many consultants (sender numbers).
/// In the same run: the raw single-row insert rate, the product as shipped, then the product with one lever switched
/// off at a time (each on a fresh database and process), so each lever's gain is read as a ratio measured minutes apart.
/// Every figure carries the CPU each side used (/proc): on a shared 2-core machine they compete.
/// </summary>
internal static class SeparateProcessBench
{
    public const string Marker = "<!-- separate-process -->";
    public const string LeversMarker = "<!-- levers -->";
    private const int Concurrency = 32;
    private const int OpenLoopRate = 500;
    private const double DebounceSeconds = 4;
    private const string ListRowAfterAcknowledgement = "Acknowledgement:ListRowAfterAcknowledgement";
    private const string MessagesTableIsTheBuffer = "Acknowledgement:MessagesTableIsTheBuffer";
    private const string HooksAfterAcknowledgement = "Acknowledgement:HooksAfterAcknowledgement";
    private const string SharedRoundTrips = "Database:SharedRoundTrips:Enabled";
    private const string AcknowledgementsFirst = "Database:SharedRoundTrips:AcknowledgementsFirst";

    private static int contactSeed;

    /// <param name="AutoResponse">False: the consultants' AI answers are off, so the loop measures the acknowledgements alone.</param>
    private sealed record Variant(string Name, string ConnectionOptions, IReadOnlyDictionary<string, string> Settings, bool AutoResponse = true);

    private sealed record VariantResult(
        Variant Variant, (LatencyStats Stats, double PerSecond) Closed, double AnsweredPerSecond, CpuUsage ClosedCpu, DatabaseWork Work, LatencyStats? Open,
        CpuUsage? OpenCpu);

    public static async Task<int> RunAsync(bool quick, string output, string[] args)
    {
        if (args.Contains(BareKestrelProcess.Argument))
        {
            return await BareKestrelProcess.ServeAsync();
        }

        var scale = quick ? 10 : 1;
        var consultants = quick ? 20 : 120;
        var closedRequests = 5000 / scale;
        var openSeconds = quick ? 2 : 60;
        var debounceConversations = 1000 / scale;
        var sustainedSeconds = quick ? 3 : 30; // at 200 new conversations (and dashboard webhooks) a second
        var burstConversations = 1000 / scale;
        var started = DateTimeOffset.UtcNow;
        // --levers-only: the baselines and each variant's closed loop, nothing else (a shorter run to compare levers).
        var leversOnly = args.Contains("--levers-only");
        var loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "unknown";

        Console.WriteLine("Baseline: bare Kestrel in its own process...");
        (LatencyStats Stats, double PerSecond) bare;
        CpuUsage bareCpu;
        await using (var bareProcess = await BareKestrelProcess.StartAsync())
        {
            using var bareHttp = LoadLoops.Client(bareProcess.BaseUrl);
            var bareTargets = Conversations([new BenchTenant("AC" + Guid.NewGuid().ToString("N"), "token", "+393470000000")], 200);
            await LoadLoops.ClosedAsync(closedRequests / 5, Concurrency, i => LoadLoops.PostWebhookAsync(bareHttp, bareTargets[i % bareTargets.Count], "warm"));
            (bare, bareCpu) = await CpuUsage.MeasureAsync(bareProcess.ProcessId,
                () => LoadLoops.ClosedAsync(closedRequests * 2, Concurrency, i => LoadLoops.PostWebhookAsync(bareHttp, bareTargets[i % bareTargets.Count], $"load {i}")));
        }

        // On the cluster as the products find it: after the discarded first product below (a cold cluster's inserts were
        // 1,266–2,249/s across one day's runs), and after a checkpoint, as each product's loop.
        async Task<((LatencyStats Stats, double PerSecond) Raw, CpuUsage Cpu)> RawInsertsAsync()
        {
            Console.WriteLine("Baseline: raw PostgreSQL inserts...");
            var rawDatabase = await TestPostgres.CreateDatabaseAsync();
            await RawPostgresInserts.RunAsync(rawDatabase, closedRequests / 5, Concurrency); // warm-up
            await DatabaseWork.CheckpointAsync(rawDatabase);
            return await CpuUsage.MeasureAsync(null, () => RawPostgresInserts.RunAsync(rawDatabase, closedRequests, Concurrency));
        }

        ((LatencyStats Stats, double PerSecond) Raw, CpuUsage Cpu)? rawInserts = null;

        var shipped = new Variant("as shipped (token cache 60 s, auto-prepare 64, pool of 16, list row after the ack, the table as the buffer, binary grain state, no PGO tier, shared round trips two at once with acknowledgements first, the conversations' state in them)", "", new Dictionary<string, string>());
        var variants = new List<Variant>
        {
            shipped,
            new("each statement its own round trip, none shared (`Database:SharedRoundTrips:Enabled=false`)", "",
                new Dictionary<string, string> { [SharedRoundTrips] = "false" }),
            new("shared round trips one at a time, not two (`Database:SharedRoundTrips:AtOnce=1`)", "",
                new Dictionary<string, string> { ["Database:SharedRoundTrips:AtOnce"] = "1" }),
            new("shared round trips four at once, not two (`Database:SharedRoundTrips:AtOnce=4`)", "",
                new Dictionary<string, string> { ["Database:SharedRoundTrips:AtOnce"] = "4" }),
            new("acknowledgements' statements queued with the others, not first (`Database:SharedRoundTrips:AcknowledgementsFirst=false`)", "",
                new Dictionary<string, string> { [AcknowledgementsFirst] = "false" }),
            new("AI answers off: the acknowledgements alone, no replies (consultants' automatic answers off)", "", new Dictionary<string, string>(), AutoResponse: false),
            new("Auth Token cache off (`Twilio:AuthTokenCacheSeconds=0`)", "", new Dictionary<string, string> { ["Twilio:AuthTokenCacheSeconds"] = "0" }),
            new("prepared statements off (`Max Auto Prepare=0`)", ";Max Auto Prepare=0", new Dictionary<string, string>()),
            new("list row before the ack (`Acknowledgement:ListRowAfterAcknowledgement=false`)", "",
                new Dictionary<string, string> { [ListRowAfterAcknowledgement] = "false" }),
            new("grain state as the buffer (`Acknowledgement:MessagesTableIsTheBuffer=false`)", "",
                new Dictionary<string, string> { [MessagesTableIsTheBuffer] = "false" }),
            new("the messages' hooks before the ack (`Acknowledgement:HooksAfterAcknowledgement=false`)", "",
                new Dictionary<string, string> { [HooksAfterAcknowledgement] = "false" }),
            new("grain state in Newtonsoft JSON again (`GrainStorage:Serializer=Newtonsoft`)", "", new Dictionary<string, string> { ["GrainStorage:Serializer"] = "Newtonsoft" }),
            new("Npgsql's pool of 100 connections, not 16 (`Maximum Pool Size=100`)", ";Maximum Pool Size=100", new Dictionary<string, string>()),
            // An environment variable of the product's process (SiloProcess passes settings as the environment).
            new("the JIT's profile-guided tier on, .NET's default (`DOTNET_TieredPGO=1`)", "", new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "1" }),
            // The garbage collector (about a tenth of the silo's CPU): .NET's server GC adapts its heaps to the application's
            // size (DATAS, on by default since .NET 9), with smaller allocation budgets. Workstation GC measured 0.91 (NOTES).
            new("server GC without DATAS, its size adaptation (`DOTNET_GCDynamicAdaptationMode=0`)", "", new Dictionary<string, string> { ["DOTNET_GCDynamicAdaptationMode"] = "0" }),
            new("the conversations' state on a commit of its own, not in the shared round trips (`GrainStorage:SharedRoundTrips=false`)", "",
                new Dictionary<string, string> { ["GrainStorage:SharedRoundTrips"] = "false" }),
            new("all eleven off (as before issue 20)", ";Max Auto Prepare=0;Maximum Pool Size=100", new Dictionary<string, string>
            {
                [SharedRoundTrips] = "false", [AcknowledgementsFirst] = "false",
                ["DOTNET_TieredPGO"] = "1",
                ["Twilio:AuthTokenCacheSeconds"] = "0", [ListRowAfterAcknowledgement] = "false", [MessagesTableIsTheBuffer] = "false",
                [HooksAfterAcknowledgement] = "false",
                ["GrainStorage:Serializer"] = "Newtonsoft", ["GrainStorage:SharedRoundTrips"] = "false",
            }),
            new("as shipped, again last (how much the machine drifted)", "", new Dictionary<string, string>()),
        };
        if (args.Contains("--no-levers"))
        {
            variants = [shipped];
        }

        // --only <words>: as shipped and the variants whose name contains the words, or any of "a|b" (a quicker look at some levers).
        if (args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() is { } only)
        {
            var words = only.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            variants = [shipped, .. variants.Skip(1).Where(v => words.Any(w => v.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))];
        }

        // The first product of a run was slower than the same product last (294 against 372 acks/s, PostgreSQL's
        // executor time a webhook 2.5 against 1.8 ms: NOTES), a checkpoint before each loop notwithstanding. A product
        // run first and not reported gives the throwaway cluster that first use (not in a quick run); the raw inserts
        // are measured after it.
        var clusterWarmUp = shipped with { Name = "as shipped, warming the cluster (not reported)" };
        if (!quick)
        {
            variants = [clusterWarmUp, .. variants];
        }

        var results = new List<VariantResult>();
        var shippedReport = new StringBuilder();
        var everyBatchOnce = true;
        foreach (var variant in variants)
        {
            if (rawInserts is null && !ReferenceEquals(variant, clusterWarmUp))
            {
                rawInserts = await RawInsertsAsync();
            }

            var first = results.Count == 0;
            Console.WriteLine($"Product {variant.Name}: starting with {consultants} consultants...");
            await using var twilio = await FakeTwilio.StartAsync();
            await using var ai = await FakeAi.StartAsync();
            await using var product = await BenchProduct.StartAsync(
                twilio, ai, consultants, DebounceSeconds, variant.ConnectionOptions, variant.Settings, autoResponse: variant.AutoResponse);
            using var http = LoadLoops.Client(product.BaseUrl);
            Task Post(IReadOnlyList<BenchConversation> targets, int i, string body) => LoadLoops.PostWebhookAsync(http, targets[i % targets.Count], body);

            // Warmed to a steady state before anything is measured: the product's code optimized by the JIT's later tiers
            // and each pooled connection's statements prepared and planned once (a 500-webhook warm-up left about a
            // tenth of the machine to the JIT and a sixth of PostgreSQL's time to planning in the measured loop: NOTES).
            // The warm-up writes once to each conversation of the closed loop, which then writes each of them once more:
            // every measured webhook is an existing conversation's own batch at any rate (over 2,000 conversations a
            // conversation wrote every 2.9 s at 700/s, inside the debounce, so a faster row did less work a webhook: NOTES).
            var load = Conversations(product.Tenants, closedRequests);
            await LoadLoops.ClosedAsync(WarmUpWebhooks(closedRequests), Concurrency, i => Post(load, i, "warm"));
            if (variant.AutoResponse)
            {
                await DrainAsync(product);
            }

            Console.WriteLine($"  closed loop: {closedRequests} webhooks at concurrency {Concurrency}...");
            // The database's work is read over the loop and the answering of its messages: all one webhook costs.
            // Acknowledged and answered: from the loop's start to the last reply, less the debounce every answer waits.
            // Steadier than the acks alone, whose loop may end before most answers are due when it runs fast (NOTES).
            var untilAnswered = new Stopwatch();
            var ((closed, closedCpu), work) = await DatabaseWork.MeasureAsync(product.ConnectionString, closedRequests, async () =>
            {
                untilAnswered.Start();
                var measured = await CpuUsage.MeasureAsync(product.ProcessId, () => LoadLoops.ClosedAsync(closedRequests, Concurrency, i => Post(load, i, $"load {i}")));
                if (variant.AutoResponse)
                {
                    await DrainAsync(product); // what one webhook costs includes the answering of its message
                }

                untilAnswered.Stop();
                return measured;
            });
            var answeredPerSecond = variant.AutoResponse
                ? closedRequests / Math.Max(0.001, untilAnswered.Elapsed.TotalSeconds - DebounceSeconds)
                : closed.PerSecond;
            if (ReferenceEquals(variant, clusterWarmUp))
            {
                continue;
            }

            if (!first || leversOnly)
            {
                results.Add(new VariantResult(variant, closed, answeredPerSecond, closedCpu, work, null, null)); // levers compare on the closed loop
                continue;
            }

            Console.WriteLine($"  open loop: {OpenLoopRate}/s for {openSeconds} s...");
            var (open, openCpu) = await CpuUsage.MeasureAsync(product.ProcessId, () => LoadLoops.OpenAsync(OpenLoopRate, openSeconds, i => Post(load, i, $"rate {i}")));
            results.Add(new VariantResult(variant, closed, answeredPerSecond, closedCpu, work, open, openCpu));

            await DrainAsync(product);
            var answeredOnce = await DebounceOverheadAsync(product, twilio, http, debounceConversations, shippedReport);
            await DrainAsync(product);
            answeredOnce &= await SustainedConversations.RunAsync(product, twilio, ai, http, 200, sustainedSeconds, DebounceSeconds, shippedReport);
            await DrainAsync(product);
            answeredOnce &= await DueBurst.RunAsync(product, twilio, http, burstConversations, DebounceSeconds, shippedReport);
            shippedReport.AppendLine().AppendLine("### Exactly once (as shipped, the whole run)").AppendLine();
            everyBatchOnce = await ExactlyOnceCheck.AppendAsync(product, twilio, answeredOnce, "the debounce, sustained and burst phases", shippedReport);
            await AppendStorageAsync(product.ConnectionString, shippedReport);
        }

        if (!leversOnly)
        {
            shippedReport.Append(await DashboardLatency.RunAsync(consultants, 200, sustainedSeconds, DebounceSeconds));
        }

        var (raw, rawCpu) = rawInserts!.Value;
        var report = Report(quick, leversOnly, started, loadAverage, consultants, closedRequests, bare, bareCpu, raw, rawCpu, results, openSeconds) + shippedReport;
        await ResultsSections.WriteAsync(output, leversOnly ? LeversMarker : Marker, report);
        Console.WriteLine(report);
        return everyBatchOnce ? 0 : 1;
    }

    /// <summary>Webhooks sent to each product before its closed loop is measured.</summary>
    private static int WarmUpWebhooks(int closedRequests) => closedRequests;

    /// <summary>New contacts, each writing to one of the consultants in turn.</summary>
    internal static List<BenchConversation> Conversations(IReadOnlyList<BenchTenant> tenants, int count) =>
        Enumerable.Range(0, count).Select(i => new BenchConversation(tenants[i % tenants.Count],
            "+5511" + (900_000_000 + Interlocked.Increment(ref contactSeed)).ToString(CultureInfo.InvariantCulture))).ToList();

    /// <summary>Each phase starts with the replies of the previous one finished.</summary>
    internal static Task DrainAsync(BenchProduct product) =>
        Poll.UntilAsync(() => Db.ScalarAsync<long>(product.ConnectionString,
                "SELECT count(*) FROM messages WHERE direction = 'inbound' AND handled_at IS NULL"),
            pending => pending == 0, TimeSpan.FromMinutes(5), "every inbound message to be answered");

    /// <summary>Debounce overhead (two messages per conversation at once); returns whether each conversation was answered once.</summary>
    private static async Task<bool> DebounceOverheadAsync(BenchProduct product, FakeTwilio twilio, HttpClient http, int conversations, StringBuilder report)
    {
        Console.WriteLine($"  debounce overhead: {conversations} conversations at once...");
        var targets = Conversations(product.Tenants, conversations);
        var lastAck = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>();
        var (_, cpu) = await CpuUsage.MeasureAsync(product.ProcessId, async () =>
        {
            await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (target, _) =>
            {
                await LoadLoops.PostWebhookAsync(http, target, "first");
                await LoadLoops.PostWebhookAsync(http, target, "second");
                lastAck[target.Contact] = DateTimeOffset.UtcNow;
            });
            var wanted = targets.Select(t => "whatsapp:" + t.Contact).ToHashSet();
            await Poll.UntilAsync(() => Task.FromResult(twilio.Sent.Select(m => m.To).Distinct().Count(wanted.Contains)),
                answered => answered == wanted.Count, TimeSpan.FromMinutes(3), "every debounce conversation to be answered");
            return 0;
        });
        var answered = await LastBatchReplies.ReadAsync(product, twilio, targets.Select(t => t.Contact).ToList());
        var overhead = new LatencyStats(targets.Where(t => answered.RepliedAt.ContainsKey(t.Contact))
            .Select(t => (answered.RepliedAt[t.Contact] - lastAck[t.Contact]).TotalMilliseconds - DebounceSeconds * 1000));
        var answeredOnce = answered.NotOncePerBatch == 0;

        report.AppendLine().AppendLine("### Debounce overhead (as shipped)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{conversations} conversations (over {product.Tenants.Count} consultants) each send two messages at once; overhead = the fake Twilio receives the reply − last message acknowledged − {DebounceSeconds} s debounce (both clocks in the generator's process).").AppendLine();
        report.AppendLine("| p50 | p99 | max | CPU (cores) |").AppendLine("| --- | --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {overhead.P50:0} ms | {overhead.P99:0} ms | {overhead.Max:0} ms | {cpu} |");
        if (answered.InSeveralBatches > 0)
        {
            report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{answered.InSeveralBatches} conversations' second message was acknowledged after their first batch's debounce had ended: two batches, each answered; the overhead counts the reply to the last.");
        }

        return answeredOnce;
    }

    /// <summary>Bytes per row of the busiest tables after the run (docs/SCALING.md reads them).</summary>
    private static async Task AppendStorageAsync(string connection, StringBuilder report)
    {
        var sizes = new List<string>();
        foreach (var table in new[] { "messages", "conversations", "orleans_storage" })
        {
            var rows = await Db.ScalarAsync<long>(connection, $"SELECT count(*) FROM {table}");
            var bytes = await Db.ScalarAsync<long>(connection, $"SELECT pg_total_relation_size('{table}')");
            sizes.Add(string.Create(CultureInfo.InvariantCulture, $"`{table}` {bytes / Math.Max(rows, 1):0} B a row ({rows} rows)"));
        }

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Storage after the run, with indexes and TOAST (docs/SCALING.md): {string.Join("; ", sizes)}.");
    }

    private static string Report(
        bool quick, bool leversOnly, DateTimeOffset started, string loadAverage, int consultants, int closedRequests, (LatencyStats Stats, double PerSecond) bare, CpuUsage bareCpu,
        (LatencyStats Stats, double PerSecond) raw, CpuUsage rawCpu, IReadOnlyList<VariantResult> results, int openSeconds)
    {
        var report = new StringBuilder();
        report.AppendLine(leversOnly
            ? "## Levers of issue 20, closed loop only (`bench/run.sh --levers-only`)"
            : "## Webhooks, with the load generator in its own process (`bench/run.sh`)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: reduced sizes, not representative)" : "")}; load average when it started: {loadAverage}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{BenchFacts.Git("rev-parse --short HEAD")}`; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Set-up: the product (`Consultant.Silo`, Production, as `./run.sh` runs it) in its own process on a fresh database of the throwaway PostgreSQL; the load generator with fake Twilio and fake AI in this process; bare Kestrel in a third. Webhooks signed as Twilio signs them, spread over {consultants} consultants (each its own Twilio account and number) and their contacts. Debounce {DebounceSeconds} s; leads answered from the key pool. Each product process is warmed with {WarmUpWebhooks(closedRequests)} webhooks (and their replies), one to each of the closed loop's conversations, which then write once more each (so every measured webhook is its own batch, at any rate).");
        report.AppendLine("- CPU (cores, from /proc over each phase): `gen` this process (generator and fakes; its share of all the machine's CPU in brackets), `server` the product or bare Kestrel, `pg` PostgreSQL, `machine` everything (other work on a shared machine too).");
        report.AppendLine().AppendLine("### Baselines (same run)").AppendLine();
        report.AppendLine("| | per second | p50 / p99 (ms) | CPU (cores) |").AppendLine("| --- | --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| bare Kestrel (own process): same form, same TwiML, closed loop, concurrency {Concurrency} | {bare.PerSecond:0} | {bare.Stats.P50:0.0} / {bare.Stats.P99:0.0} | {bareCpu} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| PostgreSQL: single-row durable insert, each its own commit, concurrency {Concurrency} | {raw.PerSecond:0} | {raw.Stats.P50:0.0} / {raw.Stats.P99:0.0} | {rawCpu} |");

        var first = results[0];
        var aim = Math.Min(3000, raw.PerSecond * 0.25);
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### The product {first.Variant.Name}").AppendLine();
        report.AppendLine("| | acks/s | answered/s | p50 / p99 (ms) | ratios | CPU (cores) |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| closed loop, concurrency {Concurrency} | {first.Closed.PerSecond:0} | {first.AnsweredPerSecond:0} | {first.Closed.Stats.P50:0.0} / {first.Closed.Stats.P99:0.0} | {first.Closed.PerSecond / bare.PerSecond:0.00} of bare Kestrel, {first.Closed.PerSecond / raw.PerSecond:0.00} of raw inserts (answered: {first.AnsweredPerSecond / raw.PerSecond:0.00}) | {first.ClosedCpu} |");
        if (first.Open is { } open)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| open loop {OpenLoopRate}/s for {openSeconds} s, replies flowing | – | – | {open.P50:0.0} / {open.P99:0.0} | | {first.OpenCpu} |");
        }

        var openAim = first.Open is { } measured
            ? string.Create(CultureInfo.InvariantCulture, $"; open loop ack p99 < 50 ms: {measured.P99:0.0} ms ({(measured.P99 < 50 ? "met" : "not met")})")
            : "";
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Aims (issue 20): closed loop ≥ {aim:0}/s (the lower of 3,000 and 25 % of the raw insert rate): {first.Closed.PerSecond:0}/s ({(first.Closed.PerSecond >= aim ? "met" : "not met")}; acknowledged and answered {first.AnsweredPerSecond:0}/s){openAim}.");
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"answered/s = webhooks of the closed loop ÷ (its start to the last reply − the {DebounceSeconds} s debounce): the acks and the replies' work together, which the acks alone miss when the loop ends before most answers are due.");
        report.AppendLine().AppendLine("### What one webhook costs the database (closed loop and the answering of its messages)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Per webhook: {first.Work.Summary}. Executor time per statement (`pg_stat_statements`, preloaded by bench/run.sh), the costliest first:").AppendLine();
        report.Append(first.Work.Table());

        if (results.Count > 1)
        {
            report.AppendLine().AppendLine("### Levers, one switched off at a time (same run, each on a fresh database and product process)").AppendLine();
            report.AppendLine("Closed loop only (the open loop runs once, as shipped); database work per webhook as in the section above.").AppendLine();
            report.AppendLine("| product | closed acks/s | answered/s | closed p50 / p99 (ms) | answered/s / as shipped | database work per webhook | CPU closed loop (cores) |");
            report.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (var result in results)
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {result.Variant.Name} | {result.Closed.PerSecond:0} | {result.AnsweredPerSecond:0} | {result.Closed.Stats.P50:0.0} / {result.Closed.Stats.P99:0.0} | {result.AnsweredPerSecond / first.AnsweredPerSecond:0.00} | {result.Work.Summary} | {result.ClosedCpu} |");
            }
        }

        return report.ToString();
    }

}
