using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// Debounce overhead under a sustained arrival of new conversations (issue 20: p99 under 250 ms at 200 a second):
/// conversation i starts at i / rate (an open loop), half of them write once, half twice in a row; the overhead of each
/// is the fake Twilio receiving its reply − its last message acknowledged − the debounce, both clocks in this process.
/// The replies of the first seconds flow while later conversations arrive, as in production.
/// </summary>
internal static partial class SustainedConversations
{
    public const double AimP99Milliseconds = 250;

    /// <summary>Appends its part of the report; returns whether every conversation was answered exactly once.</summary>
    public static async Task<bool> RunAsync(
        BenchProduct product, FakeTwilio twilio, FakeAi ai, HttpClient http, int rate, int seconds, double debounceSeconds, StringBuilder report)
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
                // The mark names the conversation in the fake AI's requests (PrintBySecond splits the overhead there).
                await LoadLoops.PostWebhookAsync(http, targets[i], $"hello, is the course still open? [c{i}]");
                if (i % 2 == 1)
                {
                    await LoadLoops.PostWebhookAsync(http, targets[i], $"and how much is it? [c{i}]");
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
        PrintBySecond(rate, seconds, contacts, firstPost, lastAck, answered.RepliedAt, AskedAiAt(ai, since, total), debounceSeconds);
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
    /// a checkpoint) that hits the conversations of one moment, and the overhead split where the fake AI was asked: before
    /// it (the debounce's timer, the reads, the settings) and after it (the AI's answer, the reply recorded, sent).
    /// </summary>
    private static void PrintBySecond(
        int rate, int seconds, List<string> contacts, DateTimeOffset[] firstPost, DateTimeOffset[] lastAck,
        IReadOnlyDictionary<string, DateTimeOffset> repliedAt, IReadOnlyDictionary<int, DateTimeOffset> askedAi, double debounceSeconds)
    {
        Console.WriteLine("  second | posts→acked p99 / max (ms) | overhead p50 / p99 / max (ms) | due→AI asked p50 / p99 | AI asked→Twilio p50 / p99");
        for (var second = 0; second < seconds; second++)
        {
            var indexes = Enumerable.Range(second * rate, rate).ToList();
            var replied = indexes.Where(i => repliedAt.ContainsKey(contacts[i])).ToList();
            var split = replied.Where(askedAi.ContainsKey).ToList();
            var acked = new LatencyStats(indexes.Select(i => (lastAck[i] - firstPost[i]).TotalMilliseconds));
            var overhead = new LatencyStats(replied.Select(i => (repliedAt[contacts[i]] - lastAck[i]).TotalMilliseconds - debounceSeconds * 1000));
            var beforeAi = new LatencyStats(split.Select(i => (askedAi[i] - lastAck[i]).TotalMilliseconds - debounceSeconds * 1000));
            var afterAi = new LatencyStats(split.Select(i => (repliedAt[contacts[i]] - askedAi[i]).TotalMilliseconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {second,6} | {acked.P99,8:0} / {acked.Max,6:0} | {overhead.P50,6:0} / {overhead.P99,6:0} / {overhead.Max,6:0} | {beforeAi.P50,6:0} / {beforeAi.P99,6:0} | {afterAi.P50,6:0} / {afterAi.P99,6:0}"));
        }

        var allBefore = new LatencyStats(askedAi.Keys.Where(i => repliedAt.ContainsKey(contacts[i])).Select(i => (askedAi[i] - lastAck[i]).TotalMilliseconds - debounceSeconds * 1000));
        var allAfter = new LatencyStats(askedAi.Keys.Where(i => repliedAt.ContainsKey(contacts[i])).Select(i => (repliedAt[contacts[i]] - askedAi[i]).TotalMilliseconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  all    | due→AI asked p50 / p99 / max {allBefore.P50:0} / {allBefore.P99:0} / {allBefore.Max:0} ms | AI asked→Twilio {allAfter.P50:0} / {allAfter.P99:0} / {allAfter.Max:0} ms ({askedAi.Count} split)"));
    }

    /// <summary>When the fake AI was last asked for each conversation of the phase (by the mark in its messages).</summary>
    private static Dictionary<int, DateTimeOffset> AskedAiAt(FakeAi ai, DateTimeOffset since, int total)
    {
        var asked = new Dictionary<int, DateTimeOffset>();
        foreach (var request in ai.Requests.Where(r => r.ReceivedAt >= since))
        {
            var mark = ConversationMark().Match(request.LastUserText);
            if (mark.Success && int.Parse(mark.Groups[1].Value, CultureInfo.InvariantCulture) is var index && index < total
                && (!asked.TryGetValue(index, out var earlier) || earlier < request.ReceivedAt))
            {
                asked[index] = request.ReceivedAt;
            }
        }

        return asked;
    }

    [GeneratedRegex(@"\[c(\d+)\]")]
    private static partial Regex ConversationMark();
}
