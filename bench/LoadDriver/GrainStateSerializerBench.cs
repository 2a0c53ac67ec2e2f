using System.Diagnostics;
using System.Globalization;
using System.Text;
using Consultant.Grains.Conversations;
using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Consultant.Bench;

/// <summary>
/// Issue 20's lever C measured on its own (<c>bench/run.sh --serializers</c>): the product's
/// <see cref="GrainStateSerializer"/> in each format on a typical conversation state (a burst of three buffered
/// messages): bytes stored, time and allocation per serialize + deserialize, and the heap one deserialized state holds.
/// No database; the serializers come from a silo's services, built and not started, as the product configures them.
/// </summary>
internal static class GrainStateSerializerBench
{
    public const string Marker = "<!-- serializers -->";
    private const int Rounds = 7;
    private const int HeldStates = 10_000;

    private sealed record Measure(GrainStateFormat Format, int Bytes, double MedianMicroseconds, double MinMicroseconds, long AllocatedBytes, double HeldBytes);

    public static async Task<int> RunAsync(bool quick, string output)
    {
        var perRound = quick ? 2_000 : 20_000;
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering());
        builder.Services.AddGrainStateSerializer();
        using var host = builder.Build();
        var newtonsoft = host.Services.GetRequiredService<JsonGrainStorageSerializer>();
        var orleans = host.Services.GetRequiredService<Serializer>();
        var state = GrainStateSamples.TypicalConversation();
        var started = DateTimeOffset.UtcNow;
        var loadAverage = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "unknown";

        var measures = new List<Measure>();
        foreach (var format in Enum.GetValues<GrainStateFormat>())
        {
            var serializer = new GrainStateSerializer(Options.Create(new GrainStorageOptions { Serializer = format }), newtonsoft, orleans);
            Console.WriteLine($"{format}: {Rounds} rounds of {perRound} round trips...");
            measures.Add(MeasureFormat(format, serializer, state, perRound));
        }

        var report = Report(quick, started, loadAverage, perRound, measures);
        await ResultsSections.WriteAsync(output, Marker, report);
        Console.WriteLine(report);
        return 0;
    }

    private static Measure MeasureFormat(GrainStateFormat format, GrainStateSerializer serializer, ConversationState state, int perRound)
    {
        var payload = serializer.Serialize(state);
        RoundTrips(serializer, state, perRound); // warm-up: JIT, pools, caches

        var times = new List<double>();
        long allocated = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            RoundTrips(serializer, state, perRound);
            times.Add(watch.Elapsed.TotalMicroseconds / perRound);
            allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / perRound;
        }

        times.Sort();
        return new Measure(format, payload.ToMemory().Length, times[Rounds / 2], times[0], allocated, HeldBytesPerState(serializer, payload));
    }

    private static void RoundTrips(GrainStateSerializer serializer, ConversationState state, int count)
    {
        for (var i = 0; i < count; i++)
        {
            // What the provider does per write and per activation: a byte array out, a state back from it.
            var bytes = serializer.Serialize(state).ToArray();
            if (serializer.Deserialize<ConversationState>(new BinaryData(bytes))!.Pending.Count != state.Pending.Count)
            {
                throw new InvalidOperationException("The state did not round-trip.");
            }
        }
    }

    /// <summary>The heap one deserialized state keeps (what an active conversation grain holds of it).</summary>
    private static double HeldBytesPerState(GrainStateSerializer serializer, BinaryData payload)
    {
        var held = new ConversationState[HeldStates];
        var before = SettledHeap();
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = serializer.Deserialize<ConversationState>(payload)!;
        }

        var after = SettledHeap();
        GC.KeepAlive(held);
        return (after - before) / (double)HeldStates;
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Report(bool quick, DateTimeOffset started, string loadAverage, int perRound, IReadOnlyList<Measure> measures)
    {
        var baseline = measures.Single(m => m.Format == GrainStateFormat.Newtonsoft);
        var report = new StringBuilder();
        report.AppendLine("## Grain-state serializers (`bench/run.sh --serializers`)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: fewer round trips)" : "")}; load average when it started: {loadAverage} (a shared machine: times are for comparing the rows, not absolute)");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{BenchFacts.Git("rev-parse --short HEAD")}`; machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        report.AppendLine(CultureInfo.InvariantCulture, $"- State: a lead's conversation with three buffered messages (`GrainStateSamples.TypicalConversation`), through `GrainStateSerializer` in each format. Time: serialize to a byte array and deserialize it, one thread, median (and best) of {Rounds} rounds of {perRound:N0} after a warm-up. Held: managed heap per deserialized state, {HeldStates:N0} kept.");
        report.AppendLine().AppendLine("| format | bytes stored | µs per round trip, median (best) | allocated per round trip | held per state | time / Newtonsoft |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var m in measures)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Format} | {m.Bytes} B | {m.MedianMicroseconds:0.0} ({m.MinMicroseconds:0.0}) | {m.AllocatedBytes:N0} B | {m.HeldBytes:0} B | {m.MedianMicroseconds / baseline.MedianMicroseconds:0.00} |");
        }

        return report.ToString();
    }
}
