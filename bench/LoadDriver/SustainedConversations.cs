using System.Globalization;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// Debounce overhead under a sustained arrival of new conversations (issue 20: p99 under 250 ms at 200 a second):
/// conversation i starts at i / rate (an open loop), half of them write once, half twice in a row; the overhead of each
/// is the fake Twilio receiving its reply − its last message acknowledged − the debounce, both clocks in this process.
/// The replies of the first seconds flow while later conversations arrive, as in production.
/// </summary>
internal static class SustainedConversations
{
    public const double AimP99Milliseconds = 250;

    /// <summary>Appends its part of the report; returns whether every conversation was answered exactly once.</summary>
    public static async Task<bool> RunAsync(
        BenchProduct product, FakeTwilio twilio, HttpClient http, int rate, int seconds, double debounceSeconds, StringBuilder report)
    {
        var total = rate * seconds;
        Console.WriteLine($"  sustained: {rate} new conversations/s for {seconds} s...");
        var targets = SeparateProcessBench.Conversations(product.Tenants, total);
        var contacts = targets.Select(t => t.Contact).ToList();
        var lastAck = new DateTimeOffset[total];
        var firstPost = new DateTimeOffset[total];
        var since = DateTimeOffset.UtcNow;
        var ((acks, _), cpu) = await CpuUsage.MeasureAsync(product.ProcessId, async () =>
        {
            var arrivals = await LoadLoops.OpenAsync(rate, seconds, async i =>
            {
                firstPost[i] = DateTimeOffset.UtcNow;
                await LoadLoops.PostWebhookAsync(http, targets[i], "hello, is the course still open?");
                if (i % 2 == 1)
                {
                    await LoadLoops.PostWebhookAsync(http, targets[i], "and how much is it?");
                }

                lastAck[i] = DateTimeOffset.UtcNow;
            });
            // The window ends when every conversation has had a reply (a two-batch one's last comes just after).
            return (arrivals, await TwilioReplies.FirstAfterAsync(twilio, contacts, since, TimeSpan.FromMinutes(3)));
        });
        var answered = await LastBatchReplies.ReadAsync(product, twilio, contacts);
        var overhead = new LatencyStats(Enumerable.Range(0, total).Where(i => answered.RepliedAt.ContainsKey(contacts[i]))
            .Select(i => (answered.RepliedAt[contacts[i]] - lastAck[i]).TotalMilliseconds - debounceSeconds * 1000));
        var replies = answered.RepliedAt;
        PrintBySecond(rate, seconds, contacts, firstPost, lastAck, answered.RepliedAt, debounceSeconds);
        var met = overhead.P99 < AimP99Milliseconds && replies.Count == total;

        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### Debounce overhead at a sustained {rate} new conversations/s (as shipped)").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{total} new conversations over {seconds} s (an open loop, spread over {product.Tenants.Count} consultants), half writing one message and half two in a row; overhead = the fake Twilio receives the reply to the conversation's last batch − its last message acknowledged − {debounceSeconds} s debounce. The replies flow while conversations keep arriving.").AppendLine();
        report.AppendLine("| answered | overhead p50 | p99 | max | acks p50 / p99 (ms, from the scheduled start) | CPU (cores, arrivals and replies) |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {replies.Count} of {total} | {overhead.P50:0} ms | {overhead.P99:0} ms | {overhead.Max:0} ms | {acks.P50:0.0} / {acks.P99:0.0} | {cpu} |");
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Aim (issue 20): overhead p99 < {AimP99Milliseconds:0} ms at {rate} new conversations/s, every one answered: {overhead.P99:0} ms, {replies.Count} of {total} answered ({BenchFacts.Met(met)}). Conversations whose second message came after their first batch's debounce had ended (two batches, each answered; the overhead counts the reply to the last): {answered.InSeveralBatches}. Conversations not answered once per batch: {answered.NotOncePerBatch}.");
        return answered.NotOncePerBatch == 0;
    }

    /// <summary>
    /// On the console only (not RESULTS.md): the tail by arrival second, to tell a steady queue from a stall (a GC pause,
    /// a checkpoint) that hits the conversations of one moment.
    /// </summary>
    private static void PrintBySecond(
        int rate, int seconds, List<string> contacts, DateTimeOffset[] firstPost, DateTimeOffset[] lastAck,
        IReadOnlyDictionary<string, DateTimeOffset> repliedAt, double debounceSeconds)
    {
        Console.WriteLine("  second | posts→acked p99 / max (ms) | overhead p50 / p99 / max (ms)");
        for (var second = 0; second < seconds; second++)
        {
            var indexes = Enumerable.Range(second * rate, rate).ToList();
            var acked = new LatencyStats(indexes.Select(i => (lastAck[i] - firstPost[i]).TotalMilliseconds));
            var overhead = new LatencyStats(indexes.Where(i => repliedAt.ContainsKey(contacts[i]))
                .Select(i => (repliedAt[contacts[i]] - lastAck[i]).TotalMilliseconds - debounceSeconds * 1000));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {second,6} | {acked.P99,8:0} / {acked.Max,6:0} | {overhead.P50,6:0} / {overhead.P99,6:0} / {overhead.Max,6:0}"));
        }
    }
}
