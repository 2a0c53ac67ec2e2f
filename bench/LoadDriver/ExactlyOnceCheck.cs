using System.Globalization;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Bench;

/// <summary>
/// Every batch answered exactly once, over everything a product's database holds: once every inbound message is
/// handled and every batch has its reply recorded, batches = replies with a Twilio sid = messages the fake Twilio
/// received, and no batch has two replies.
/// </summary>
internal static class ExactlyOnceCheck
{
    /// <param name="phasesAnsweredOnce">The phases' own check: each of their conversations got one message at the fake Twilio.</param>
    /// <returns>Whether every batch was answered exactly once.</returns>
    public static async Task<bool> AppendAsync(BenchProduct product, FakeTwilio twilio, bool phasesAnsweredOnce, string phases, StringBuilder report)
    {
        Console.WriteLine("  exactly once...");
        var connection = product.ConnectionString;
        await SeparateProcessBench.DrainAsync(product);
        const string Replies = "SELECT count(*) FROM messages WHERE direction = 'outbound' AND twilio_sid IS NOT NULL";
        const string Batches = "SELECT count(DISTINCT batch_id) FROM messages WHERE direction = 'inbound'";
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(connection, Batches) == await Db.ScalarAsync<long>(connection, Replies),
            equal => equal, TimeSpan.FromMinutes(2), "every batch to have its reply recorded");
        var inbound = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE direction = 'inbound'");
        var batches = await Db.ScalarAsync<long>(connection, Batches);
        var replies = await Db.ScalarAsync<long>(connection, Replies);
        var duplicates = await Db.ScalarAsync<long>(connection,
            "SELECT count(*) FROM (SELECT reply_to_batch_id FROM messages WHERE direction = 'outbound' GROUP BY reply_to_batch_id HAVING count(*) > 1) d");
        var flagged = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM conversations WHERE needs_reply");
        var twilioSends = twilio.Sent.Count;
        var once = batches == replies && replies == twilioSends && duplicates == 0 && phasesAnsweredOnce;

        report.AppendLine(CultureInfo.InvariantCulture, $"- Inbound messages: {inbound}; batches: {batches}; replies with a Twilio sid: {replies}; messages Twilio received: {twilioSends}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Batches with more than one reply: {duplicates}; conversations flagged for the consultant: {flagged}; every conversation of {phases} answered once: {(phasesAnsweredOnce ? "yes" : "NO")}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Verdict: {(once ? "every batch answered exactly once" : "MISMATCH: see the counts above")}.");
        return once;
    }
}
