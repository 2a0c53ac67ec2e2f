using System.Globalization;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// Many conversations due at the same moment (issue 20: 1,000, each answered within 1 s of its due time). The
/// conversations first write once and are answered (so they exist and their grains are active, as conversations in
/// progress are); then all send their next message together, so their debounces end together. A conversation's due
/// time is its message's acknowledgement + the debounce (when the product's timer was armed, at the latest); its
/// lateness is the fake Twilio receiving the reply − that due time.
/// </summary>
internal static class DueBurst
{
    public const double AimMilliseconds = 1000;

    /// <summary>Appends its part of the report; returns whether every conversation was answered exactly once.</summary>
    public static async Task<bool> RunAsync(
        BenchProduct product, FakeTwilio twilio, HttpClient http, int conversations, double debounceSeconds, StringBuilder report)
    {
        Console.WriteLine($"  burst: {conversations} conversations due at the same moment...");
        var targets = SeparateProcessBench.Conversations(product.Tenants, conversations);
        var contacts = targets.Select(t => t.Contact).ToList();
        var opened = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (target, _) => await LoadLoops.PostWebhookAsync(http, target, "hi, I saw your ad"));
        await TwilioReplies.FirstAfterAsync(twilio, contacts, opened, TimeSpan.FromMinutes(3));
        await SeparateProcessBench.DrainAsync(product);

        var acked = new DateTimeOffset[conversations];
        var burst = DateTimeOffset.UtcNow;
        var (replies, cpu) = await CpuUsage.MeasureAsync(product.ProcessId, async () =>
        {
            // All at once: the client queues what its 256 connections cannot carry yet, as a burst of Twilio's would queue.
            await Task.WhenAll(targets.Select(async (target, i) =>
            {
                await LoadLoops.PostWebhookAsync(http, target, "one more question: is there parking?");
                acked[i] = DateTimeOffset.UtcNow;
            }));
            return await TwilioReplies.FirstAfterAsync(twilio, contacts, burst, TimeSpan.FromMinutes(3));
        });
        var lateness = Enumerable.Range(0, conversations).Where(i => replies.ContainsKey(contacts[i]))
            .Select(i => (replies[contacts[i]] - acked[i]).TotalMilliseconds - debounceSeconds * 1000).ToList();
        var stats = new LatencyStats(lateness);
        var withinAim = lateness.Count(l => l <= AimMilliseconds);
        var notOnce = TwilioReplies.NotExactlyOnce(twilio, contacts, burst);
        var spread = (acked.Max() - acked.Min()).TotalMilliseconds;

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### A burst of {conversations} conversations due at the same moment (as shipped)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{conversations} conversations in progress (over {product.Tenants.Count} consultants; each had written once and been answered) send their next message together; due = that message acknowledged + {debounceSeconds} s debounce; lateness = the fake Twilio receives the reply − due. The acknowledgements (so the due times) spread over {spread:0} ms, the first {(acked.Min() - burst).TotalMilliseconds:0} ms and the last {(acked.Max() - burst).TotalMilliseconds:0} ms after the burst was sent.").AppendLine();
        report.AppendLine("| answered | within 1 s of due | lateness p50 | p99 | max | CPU (cores, burst and replies) |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {replies.Count} of {conversations} | {withinAim} | {stats.P50:0} ms | {stats.P99:0} ms | {stats.Max:0} ms | {cpu} |");
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Aim (issue 20): every one of {conversations} answered within 1 s of its due time: {withinAim} of {conversations} ({BenchFacts.Met(withinAim == conversations)}). Conversations not answered exactly once after the burst: {notOnce}.");
        return notOnce == 0;
    }
}
