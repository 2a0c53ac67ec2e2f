using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Consultant.Bench;
using Consultant.Grains.Ai;
using Consultant.Grains.Common;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Load driver: the real host (silo + API) on Kestrel with fake Twilio and fake AI on loopback, all in this
// process, beside a bare Kestrel endpoint measured in the same run. Writes bench/RESULTS.md.
// Usage: bench/run.sh [--quick] [--analytics | --broadcast | --followups | --two-silos | --serializers | --in-process]  (--analytics: the Analytics
// page's data, CSV and nightly close instead; --broadcast: a paced broadcast to 10,000 contacts, see BroadcastBench;
// --followups: 100,000 pending follow-ups sent by the sweeper, see FollowUpBench; --two-silos: two product processes of
// one cluster behind one load generator, see TwoSiloBench; --serializers: the grain-state serializers alone, see
// GrainStateSerializerBench; --in-process: this file's run,
// everything in one process, which also measures memory per conversation; none: SeparateProcessBench, the product in a
// process of its own)
var quick = args.Contains("--quick");
var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault() ?? "bench/RESULTS.md";
if (args.Contains("--analytics"))
{
    return await AnalyticsBench.RunAsync(quick, output);
}

if (args.Contains("--broadcast"))
{
    return await BroadcastBench.RunAsync(quick, output);
}

if (args.Contains("--followups"))
{
    return await FollowUpBench.RunAsync(quick, output);
}

if (args.Contains("--serializers"))
{
    return await GrainStateSerializerBench.RunAsync(quick, output);
}

if (args.Contains("--two-silos"))
{
    return await TwoSiloBench.RunAsync(quick, output);
}

if (args.Contains("--tail-phases"))
{
    return await TailPhasesBench.RunAsync(quick, args);
}

if (!args.Contains("--in-process"))
{
    return await SeparateProcessBench.RunAsync(quick, output, args); // the product in its own process (issue 20); keep this the last mode
}

var scale = quick ? 10 : 1;
var closedLoopRequests = 5000 / scale;
const int ClosedLoopConcurrency = 32;
const int OpenLoopRate = 500;
var openLoopSeconds = quick ? 2 : 10;
var debounceConversations = 1000 / scale;
var memoryConversations = 10_000 / scale;
const double DebounceSeconds = 4;

var report = new StringBuilder();
var started = DateTimeOffset.UtcNow;
Console.WriteLine("Starting fakes, a bare Kestrel endpoint and the product host...");
await using var twilio = await FakeTwilio.StartAsync();
await using var ai = await FakeAi.StartAsync();
await using var bare = await BareKestrel.StartAsync();
var productPort = FreePort.Next();
await using var host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, "bench", productPort, new Dictionary<string, string>
{
    ["WhatsApp:DebounceSeconds"] = DebounceSeconds.ToString(CultureInfo.InvariantCulture),
    ["Ai:Endpoint"] = ai.Endpoint.ToString(),
    ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG_LEVEL") ?? "Error",
});
host.StartServer();
await host.Services.GetRequiredService<AiKeyPool>().AddAsync("bench", "bench-pool-key");

using var consultant = await host.RegisterConsultantAsync("Bench Consultant");
var accountSid = "AC" + Guid.NewGuid().ToString("N");
var authToken = Guid.NewGuid().ToString("N");
const string Number = "+14155238886";
twilio.AddAccount(accountSid, authToken);
(await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new { accountSid, authToken, whatsappNumber = Number, mode = "webhook" })).EnsureSuccessStatusCode();
(await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).EnsureSuccessStatusCode(); // connected: leads use the pool without a quota

using var productHttp = LoadClient(host.KestrelAddress!);
using var bareHttp = LoadClient(bare.BaseUrl);
var contactSeed = 0;
string NewContact() => "+5511" + (900000000 + Interlocked.Increment(ref contactSeed)).ToString(CultureInfo.InvariantCulture);

async Task<double> PostWebhookAsync(HttpClient http, string contact, string body)
{
    var form = TwilioWebhook.InboundForm(accountSid, contact, Number, body);
    var watch = Stopwatch.StartNew();
    using var response = await TwilioWebhook.PostAsync(http, SiloHost.WebhookUrl, authToken, form);
    watch.Stop();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"Webhook answered {(int)response.StatusCode}");
    }

    return watch.Elapsed.TotalMilliseconds;
}

// Closed loop: fixed concurrency, as fast as each side answers.
async Task<(LatencyStats Stats, double PerSecond)> ClosedLoopAsync(HttpClient http, int requests, IReadOnlyList<string> contacts)
{
    var latencies = new double[requests];
    var next = -1;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, ClosedLoopConcurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < requests)
        {
            latencies[i] = await PostWebhookAsync(http, contacts[i % contacts.Count], $"load {i}");
        }
    }));
    return (new LatencyStats(latencies), requests / watch.Elapsed.TotalSeconds);
}

// Open loop: requests start on a fixed schedule; latency counts from the scheduled start (no coordinated omission).
async Task<LatencyStats> OpenLoopAsync(HttpClient http, int rate, int seconds, IReadOnlyList<string> contacts)
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
            await PostWebhookAsync(http, contacts[index % contacts.Count], $"rate {index}");
            latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
        }));
    }

    await Task.WhenAll(tasks);
    return new LatencyStats(latencies);
}

async Task WaitForRepliesAsync(IReadOnlyCollection<string> contacts, TimeSpan timeout)
{
    var wanted = contacts.Select(c => "whatsapp:" + c).ToHashSet();
    var deadline = DateTime.UtcNow + timeout;
    while (twilio.Sent.Select(m => m.To).Distinct().Count(wanted.Contains) < wanted.Count)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("Not every conversation was answered in time.");
        }

        await Task.Delay(100);
    }
}

// Each phase starts on a quiet host: the replies of the previous one (AI and Twilio fakes, all in this
// process) would otherwise compete with what is measured.
async Task DrainAsync() =>
    await WaitUntilAsync(async () => await Db.ScalarAsync<long>(host.ConnectionString,
        "SELECT count(*) FROM messages WHERE direction = 'inbound' AND handled_at IS NULL") == 0, TimeSpan.FromMinutes(5));

// --- 1. Webhook acknowledgements ---
Console.WriteLine("Warming up...");
var warmContacts = Enumerable.Range(0, 200).Select(_ => NewContact()).ToList();
await ClosedLoopAsync(bareHttp, 500 / scale, warmContacts);
await ClosedLoopAsync(productHttp, 500 / scale, warmContacts);
await DrainAsync();

Console.WriteLine($"Closed loop: {closedLoopRequests} webhooks at concurrency {ClosedLoopConcurrency}...");
var loadContacts = Enumerable.Range(0, 2000 / scale).Select(_ => NewContact()).ToList();
var bareClosed = await ClosedLoopAsync(bareHttp, closedLoopRequests, loadContacts);
var productClosed = await ClosedLoopAsync(productHttp, closedLoopRequests, loadContacts);
await DrainAsync();

Console.WriteLine($"Open loop: {OpenLoopRate}/s for {openLoopSeconds} s...");
var bareOpen = await OpenLoopAsync(bareHttp, OpenLoopRate, openLoopSeconds, loadContacts);
var productOpen = await OpenLoopAsync(productHttp, OpenLoopRate, openLoopSeconds, loadContacts);

// --- 2. Debounce overhead ---
Console.WriteLine($"Debounce overhead: {debounceConversations} conversations at once...");
await DrainAsync();
var debounceContacts = Enumerable.Range(0, debounceConversations).Select(_ => NewContact()).ToList();
var lastAck = new Dictionary<string, DateTimeOffset>();
await Parallel.ForEachAsync(debounceContacts, new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (contact, _) =>
{
    await PostWebhookAsync(productHttp, contact, "first");
    await PostWebhookAsync(productHttp, contact, "second");
    lock (lastAck)
    {
        lastAck[contact] = DateTimeOffset.UtcNow;
    }
});
await WaitForRepliesAsync(debounceContacts, TimeSpan.FromMinutes(2));
var sentAt = twilio.Sent.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Min(m => m.DateSent));
var overhead = new LatencyStats(debounceContacts.Select(c => (sentAt["whatsapp:" + c] - lastAck[c]).TotalMilliseconds - DebounceSeconds * 1000));

var debounceAnsweredOnce = debounceContacts.All(c => twilio.Sent.Count(m => m.To == "whatsapp:" + c) == 1);

// --- 3. Memory per active conversation ---
Console.WriteLine($"Memory: {memoryConversations} active conversations...");
await DrainAsync();
var sentBeforeMemoryPhase = twilio.Sent.Count;
// The fakes keep every request; empty them on both sides of the measure so only the silo's conversations count.
ai.Requests.Clear();
twilio.Messages.Clear();
// The earlier phases' conversations are collected first, so the baseline holds none and idle is compared like with like.
var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
await management.ForceActivationCollection(TimeSpan.Zero);
// The read caches (ReadCache:Seconds) still hold the earlier phases' last entries: the baseline and the idle figure are
// taken once those have expired and been swept (twice the lifetime), or the idle figure would subtract them.
var readCacheSettled = TimeSpan.FromSeconds(2 * host.Services.GetRequiredService<IOptions<ReadCacheOptions>>().Value.Seconds + 1);
// The load's pooled connections (up to 256, and Kestrel's buffers for each, in this heap too) would be open at the
// baseline and closed by their idle timeout before the idle figure: closed now, and the memory phase's own are closed
// before each of its measures, so every heap figure is taken with no load connection open.
productHttp.Dispose();
bareHttp.Dispose();
await Task.Delay(readCacheSettled);
var baselineGrains = await management.GetTotalActivationCount();
var baselineHeap = SettledHeap("baseline");
var memoryContacts = Enumerable.Range(0, memoryConversations).Select(_ => NewContact()).ToList();
using (var memoryHttp = LoadClient(host.KestrelAddress!))
{
    await Parallel.ForEachAsync(memoryContacts, new ParallelOptions { MaxDegreeOfParallelism = 64 },
        async (contact, _) => await PostWebhookAsync(memoryHttp, contact, "hello"));
}

await WaitForRepliesAsync(memoryContacts, TimeSpan.FromMinutes(5));

// --- 4. Exactly once ---
Console.WriteLine("Checking that every batch was answered exactly once...");
var connection = host.ConnectionString;
await WaitUntilAsync(async () => await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE direction = 'inbound' AND handled_at IS NULL") == 0, TimeSpan.FromMinutes(2));
await WaitUntilAsync(async () =>
    await Db.ScalarAsync<long>(connection, "SELECT count(DISTINCT batch_id) FROM messages WHERE direction = 'inbound'") ==
    await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE direction = 'outbound' AND twilio_sid IS NOT NULL"), TimeSpan.FromMinutes(2));
var inbound = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE direction = 'inbound'");
var batches = await Db.ScalarAsync<long>(connection, "SELECT count(DISTINCT batch_id) FROM messages WHERE direction = 'inbound'");
var replies = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE direction = 'outbound' AND twilio_sid IS NOT NULL");
var flagged = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM conversations WHERE needs_reply");
var twilioSends = sentBeforeMemoryPhase + twilio.Sent.Count;
var duplicateReplies = await Db.ScalarAsync<long>(connection,
    "SELECT count(*) FROM (SELECT reply_to_batch_id FROM messages WHERE direction = 'outbound' GROUP BY reply_to_batch_id HAVING count(*) > 1) d");
var oneReplyEach = debounceAnsweredOnce && memoryContacts.All(c => twilio.Sent.Count(m => m.To == "whatsapp:" + c) == 1);

ai.Requests.Clear();
twilio.Messages.Clear();
var activeHeap = SettledHeap("active");
var bytesPerConversation = (activeHeap - baselineHeap) / (double)memoryConversations;

// Idle: the same conversations once Orleans has collected their grains (as it does after the idle collection age;
// forced here), so what stays in the heap per conversation that is not being written to.
var activeGrains = await management.GetTotalActivationCount();
await management.ForceActivationCollection(TimeSpan.Zero);
await Task.Delay(readCacheSettled);
var idleGrains = await management.GetTotalActivationCount();
var idleHeap = SettledHeap("idle");
var idleBytesPerConversation = (idleHeap - baselineHeap) / (double)memoryConversations;

// --- Report ---
var commit = Run("git", "rev-parse --short HEAD");
report.AppendLine("## Everything in one process (`bench/run.sh --in-process`)").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: reduced sizes, not representative)" : "")}");
report.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{commit}`");
report.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores, {Run("sh", "-c \"grep -m1 'model name' /proc/cpuinfo | cut -d: -f2\"").Trim()}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.#} GiB, .NET {Environment.Version}");
report.AppendLine("- Command: `bench/run.sh --in-process` (starts a throwaway PostgreSQL, then `dotnet run --project bench/LoadDriver -c Release -- --in-process`)");
report.AppendLine("- Set-up: one process holds the product host (silo + API on Kestrel, real PostgreSQL), fake Twilio and fake AI on loopback, the load generator, and a bare Kestrel endpoint that reads the same form and answers the same TwiML. Webhooks are signed as Twilio signs them. Debounce 4 s. Contacts are leads answered from the key pool.");
report.AppendLine().AppendLine("## Webhook acknowledgements").AppendLine();
report.AppendLine("| | bare Kestrel | product | product / bare |").AppendLine("| --- | --- | --- | --- |");
report.AppendLine(CultureInfo.InvariantCulture, $"| closed loop, concurrency {ClosedLoopConcurrency}: acks/s | {bareClosed.PerSecond:0} | {productClosed.PerSecond:0} | {productClosed.PerSecond / bareClosed.PerSecond:0.00} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| closed loop p50 / p99 (ms) | {bareClosed.Stats.P50:0.0} / {bareClosed.Stats.P99:0.0} | {productClosed.Stats.P50:0.0} / {productClosed.Stats.P99:0.0} | {productClosed.Stats.P50 / bareClosed.Stats.P50:0.0}x / {productClosed.Stats.P99 / bareClosed.Stats.P99:0.0}x |");
report.AppendLine(CultureInfo.InvariantCulture, $"| open loop {OpenLoopRate}/s for {openLoopSeconds} s: p50 / p99 (ms) | {bareOpen.P50:0.0} / {bareOpen.P99:0.0} | {productOpen.P50:0.0} / {productOpen.P99:0.0} | {productOpen.P50 / bareOpen.P50:0.0}x / {productOpen.P99 / bareOpen.P99:0.0}x |");
report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Aim: ack p99 under 50 ms at {OpenLoopRate} webhooks/s on 2 cores. Measured p99: {productOpen.P99:0.0} ms ({(productOpen.P99 < 50 ? "met" : "not met")}).");
report.AppendLine().AppendLine("## Debounce overhead").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"{debounceConversations} conversations each send two messages at the same moment; overhead = Twilio send received - last message acknowledged - 4 s debounce.").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"| p50 | p99 | max |").AppendLine("| --- | --- | --- |");
report.AppendLine(CultureInfo.InvariantCulture, $"| {overhead.P50:0} ms | {overhead.P99:0} ms | {overhead.Max:0} ms |");
report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Aim: overhead p99 under 100 ms. Measured: {overhead.P99:0} ms ({(overhead.P99 < 100 ? "met" : "not met")}).");
report.AppendLine().AppendLine("## Memory").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Managed heap after a full GC, before (the earlier phases' grains collected) and after {memoryConversations} conversations became active (each stored, answered and still activated): {bytesPerConversation / 1024:0.0} KiB per conversation, {bytesPerConversation * 10_000 / (1024 * 1024):0} MiB per 10,000.");
report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
    $"Aim (issue 20): at most 4 KiB per active conversation, everything the conversation state holds included: {bytesPerConversation / 1024:0.0} KiB ({(bytesPerConversation <= 4096 ? "met" : "not met")}).");
report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
    $"Idle: the same {memoryConversations} conversations after Orleans collected their grains (forced with the management grain; grain activations in the silo {baselineGrains} before, {activeGrains} active, {idleGrains} after): {idleBytesPerConversation:0} bytes of managed heap per conversation over the baseline, so 100,000 idle conversations on one silo hold {idleBytesPerConversation * 100_000 / (1024 * 1024):0.0} MiB of heap (their rows stay in PostgreSQL; the next message activates the grain again).");
report.AppendLine().AppendLine("## Exactly once").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- Inbound messages: {inbound}; batches: {batches}; replies with a Twilio sid: {replies}; messages Twilio received: {twilioSends}.");
report.AppendLine(CultureInfo.InvariantCulture, $"- Batches with more than one reply: {duplicateReplies}; conversations flagged for the consultant: {flagged}.");
report.AppendLine(CultureInfo.InvariantCulture, $"- Every conversation of the debounce and memory phases got exactly one reply: {(oneReplyEach ? "yes" : "NO")}.");
var everyBatchOnce = batches == replies && replies == twilioSends && duplicateReplies == 0 && oneReplyEach;
report.AppendLine(CultureInfo.InvariantCulture, $"- Verdict: {(everyBatchOnce ? "every batch answered exactly once" : "MISMATCH: see the counts above")}.");

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await ResultsSections.WriteAsync(output, "<!-- in-process -->", report.ToString()); // keeps the other modes' sections
Console.WriteLine(report.ToString());
return everyBatchOnce ? 0 : 1;

static HttpClient LoadClient(Uri baseAddress) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = baseAddress,
    Timeout = TimeSpan.FromMinutes(10), // an open loop beyond the product's rate queues for minutes: that queueing is the figure
};

// BENCH_GCDUMP_DIR=<dir>: also writes the heap at each moment as <dir>/<moment>.gcdump (dotnet-gcdump, a global tool), to
// compare by type what a conversation leaves behind (`dotnet-gcdump report <file>`).
static long SettledHeap(string moment)
{
    for (var i = 0; i < 3; i++)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    if (Environment.GetEnvironmentVariable("BENCH_GCDUMP_DIR") is { Length: > 0 } directory)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        using var dump = Process.Start(new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump",
            ["collect", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(directory, moment + ".gcdump")])
            { UseShellExecute = false })!;
        dump.WaitForExit();
    }

    return GC.GetTotalMemory(forceFullCollection: true);
}

static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (!await condition())
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("The pipeline did not settle in time.");
        }

        await Task.Delay(200);
    }
}

static string Run(string file, string arguments)
{
    try
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return text;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}
