using System.Diagnostics;
using System.Globalization;
using System.Text;
using Consultant.Grains.Abstractions;
using Consultant.Grains.FollowUps;
using Consultant.Grains.Settings;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Orleans;

namespace Consultant.Bench;

/// <summary>
/// <c>bench/run.sh --followups</c>: 100,000 pending follow-ups across 1,000 consultants on one silo, due evenly over 10
/// minutes of the real clock, sent by the real sweeper grain (its reminder and timer, nothing woken by hand) through the
/// sender pacers to the fake Twilio at the HTTP boundary. Measures each one's lateness (Twilio's receipt − due), that
/// each went exactly once, and the silo's memory per pending follow-up. Writes the "Follow-ups" section of RESULTS.md.
/// </summary>
internal static class FollowUpBench
{
    private const string Marker = "<!-- followups -->";
    private const string ContentSid = "HX0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan LatenessAim = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(bool quick, string output)
    {
        var consultants = quick ? 100 : 1_000;
        var perConsultant = quick ? 20 : 100;
        var spread = quick ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(10);
        var total = consultants * perConsultant;
        var started = DateTimeOffset.UtcNow;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

        Console.WriteLine("Follow-ups: starting the product host...");
        await using var twilio = await FakeTwilio.StartAsync();
        await using var host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, "bench", FreePort.Next(), new Dictionary<string, string>
        {
            // Quiet hours off: every follow-up may go the moment it is due, whatever the hour of the run.
            ["FollowUps:QuietHoursStart"] = "00:00",
            ["FollowUps:QuietHoursEnd"] = "00:00",
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG_LEVEL") ?? "Error",
        });
        host.StartServer();
        var connection = host.ConnectionString;

        Console.WriteLine($"Setting up {consultants:N0} consultants (Twilio account, number, the lead_24h rule with a template)...");
        var setup = Stopwatch.StartNew();
        var ids = await ConsultantsAsync(host, twilio, connection, consultants);
        setup.Stop();
        var sweeper = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IFollowUpSweeperGrain>(0);
        await sweeper.SweepAsync(); // the grain active (its timer running) and the engine warm before anything is due

        var heapBefore = SettledHeap();
        Console.WriteLine($"Seeding {total:N0} conversations, each answered 23 h ago with its lead_24h follow-up pending...");
        var seeding = Stopwatch.StartNew();
        var firstDue = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(quick ? 1 : 3);
        await SeedAsync(connection, ids, perConsultant, firstDue, spread);
        seeding.Stop();
        // Due evenly over the spread from a moment after the seed (the seed's own time is not the engine's).
        firstDue = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        await Db.ScalarAsync<object>(connection,
            "UPDATE whatsapp_followup_reminders SET scheduled_for = @first + (scheduled_for - (SELECT min(scheduled_for) FROM whatsapp_followup_reminders))",
            ("first", firstDue.UtcDateTime));
        var pendingHeap = SettledHeap();
        var bytesPerPending = (pendingHeap - heapBefore) / (double)total;

        Console.WriteLine($"Waiting for the sweeper: first due at {firstDue:HH:mm:ss}, last at {firstDue + spread:HH:mm:ss} UTC...");
        var deadline = firstDue + spread + TimeSpan.FromMinutes(5);
        long open;
        while ((open = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM whatsapp_followup_reminders WHERE status = 'pending'")) > 0
               && DateTimeOffset.UtcNow < deadline)
        {
            Console.WriteLine($"  {DateTimeOffset.UtcNow:HH:mm:ss} pending {open:N0}, Twilio received {twilio.Messages.Count:N0}");
            await Task.Delay(TimeSpan.FromSeconds(15));
        }

        await Task.Delay(TimeSpan.FromSeconds(5)); // a send accepted by Twilio just before its row was recorded
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var sentHeap = SettledHeap();

        var due = new Dictionary<string, DateTimeOffset>();
        await using (var data = NpgsqlDataSource.Create(connection))
        await using (var command = data.CreateCommand("SELECT contact_phone, scheduled_for FROM whatsapp_followup_reminders"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                due["whatsapp:" + reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var received = twilio.Sent.Where(m => due.ContainsKey(m.To)).GroupBy(m => m.To).ToList();
        var twice = received.Count(g => g.Count() > 1);
        var lateness = new LatencyStats(received.Select(g => (g.Min(m => m.DateSent) - due[g.Key]).TotalMilliseconds));
        var early = received.Count(g => g.Min(m => m.DateSent) < due[g.Key]);
        var withinAim = received.Count(g => g.Min(m => m.DateSent) - due[g.Key] <= LatenessAim);
        var statuses = await StatusCountsAsync(connection);
        var ledger = await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE origin = 'followup'");
        var sentRows = statuses.GetValueOrDefault("sent");
        var exactlyOnce = received.Count == total && twice == 0 && sentRows == total && ledger == total;
        var aimMet = withinAim == total;
        var receipts = received.Select(g => g.Min(m => m.DateSent)).Order().ToList();
        var sendingSeconds = receipts.Count < 2 ? 0 : (receipts[^1] - receipts[0]).TotalSeconds;

        var section = new StringBuilder();
        section.AppendLine("## Follow-ups").AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: reduced sizes, not representative)" : "")}");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{BenchFacts.Git("rev-parse --short HEAD")}`");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Command: `bench/run.sh --followups{(quick ? " --quick" : "")}` (a throwaway PostgreSQL, then `dotnet run --project bench/LoadDriver -c Release -- --followups`)");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Machine load (1/5/15-minute averages, {Environment.ProcessorCount} cores): {string.Join(" / ", load)} at the start, {string.Join(" / ", loadAfter)} at the end (they include this run's own silo, PostgreSQL and fake Twilio).");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Set-up: one silo (silo + API) and real PostgreSQL on this machine, the fake Twilio on loopback. {consultants:N0} consultants, each with a Twilio account and number and `lead_24h` on with a template ({setup.Elapsed.TotalSeconds:0} s); {total:N0} lead conversations answered 23 h before their follow-up, each with its follow-up pending (seeded in {seeding.Elapsed.TotalSeconds:0} s), due evenly over {spread.TotalMinutes:0} min of the real clock. The sweeper grain runs on its own (a reminder each minute, its timer every `FollowUps:SweepSeconds` = 10 s); each send goes through the consultant's sender pacer and the conversation grain to the fake Twilio. Quiet hours off.");
        section.AppendLine().AppendLine("| Lateness (Twilio received − due) | p50 | p99 | max |").AppendLine("| --- | --- | --- | --- |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| {received.Count:N0} follow-ups | {lateness.P50 / 1000:0.0} s | {lateness.P99 / 1000:0.0} s | {lateness.Max / 1000:0.0} s |");
        section.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Aim: each within {LatenessAim.TotalSeconds:0} s of its due time: {withinAim:N0} of {total:N0} ({BenchFacts.Met(aimMet)}); sent before due: {early:N0}. Twilio received them over {sendingSeconds:0} s ({received.Count / Math.Max(1, sendingSeconds):0} a second; the due times asked for {total / spread.TotalSeconds:0}).");
        section.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Exactly once: Twilio received {received.Sum(g => g.Count()):N0} follow-ups for {received.Count:N0} of {total:N0} contacts, {twice:N0} twice; rows {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value:N0}"))}; ledger messages with origin `followup`: {ledger:N0} ({(exactlyOnce ? "each sent exactly once" : "MISMATCH")}).");
        section.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Memory: managed heap after a full GC before and after the {total:N0} follow-ups were pending: {bytesPerPending:0} bytes per pending follow-up (they live in the table; the engine holds none in memory). After all were sent, with every conversation grain still active: {(sentHeap - heapBefore) / (double)total / 1024:0.0} KiB per sent follow-up.");

        await ResultsSections.WriteAsync(output, Marker, section.ToString());
        Console.WriteLine(section.ToString());
        return exactlyOnce && aimMet ? 0 : 1;
    }

    /// <summary>Accounts made straight in the table; their Twilio settings and rule through the services the page uses.</summary>
    private static async Task<IReadOnlyList<Guid>> ConsultantsAsync(SiloHost host, FakeTwilio twilio, string connection, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await Db.ScalarAsync<object>(connection,
            """
            INSERT INTO consultants (id, email, email_normalized, name, password_hash, created_at)
            SELECT id, 'followups-' || id || '@example.com', upper('followups-' || id || '@example.com'), 'Bench ' || left(id::text, 6), 'not-a-hash', now()
              FROM unnest(@ids) AS id
            """,
            ("ids", ids.ToArray()));
        var settings = host.Services.GetRequiredService<WhatsAppSettingsService>();
        var rules = host.Services.GetRequiredService<FollowUpService>();
        var rule = FollowUpRuleDefaults.All[FollowUpRuleKeys.Lead24h] with
        {
            Enabled = true,
            Template = new FollowUpTemplate(ContentSid, new Dictionary<string, string> { ["1"] = "{name}" }),
        };
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (consultant, _) =>
        {
            var accountSid = "AC" + consultant.id.ToString("N");
            var authToken = Guid.NewGuid().ToString("N");
            twilio.AddAccount(accountSid, authToken);
            var number = "+1415" + (5_000_000 + consultant.i).ToString(CultureInfo.InvariantCulture);
            var saved = await settings.SaveAsync(consultant.id, new WhatsAppConfigForm(accountSid, authToken, number, true, true, null, "webhook"));
            var connected = await settings.TestConnectionAsync(consultant.id, CancellationToken.None);
            var ruleSaved = await rules.SaveRulesAsync(consultant.id, [rule]);
            if (!saved.Succeeded || !connected.Success || !ruleSaved.Succeeded)
            {
                throw new InvalidOperationException($"Setting up consultant {consultant.i} failed: {saved.Errors} {ruleSaved.Errors}");
            }
        });
        return ids;
    }

    /// <summary>
    /// Per consultant <paramref name="perConsultant"/> lead conversations: the lead's message, the AI's answer 3 s later and
    /// the lead_24h follow-up anchored on the message, pending; due times evenly over <paramref name="spread"/>, shuffled
    /// across consultants. Staged by binary COPY, then written by three INSERT … SELECT.
    /// </summary>
    private static async Task SeedAsync(string connectionString, IReadOnlyList<Guid> consultants, int perConsultant, DateTimeOffset firstDue, TimeSpan spread)
    {
        var total = consultants.Count * perConsultant;
        var order = Enumerable.Range(0, total).ToArray();
        new Random(18).Shuffle(order);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE UNLOGGED TABLE bench_followups (consultant_id uuid, phone text, conversation_id uuid, due timestamptz)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_followups FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < total; n++)
            {
                var consultantId = consultants[n / perConsultant];
                var phone = "+39347" + (1_000_000 + n).ToString(CultureInfo.InvariantCulture);
                await copy.StartRowAsync();
                await copy.WriteAsync(consultantId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(phone, NpgsqlDbType.Text);
                await copy.WriteAsync(ConversationKey.IdFor(consultantId, phone), NpgsqlDbType.Uuid);
                await copy.WriteAsync(firstDue + spread * order[n] / total, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        await using var write = new NpgsqlCommand(
            """
            INSERT INTO conversations (id, consultant_id, contact_phone, display_name, is_lead, message_count, last_message_at, last_inbound_at, last_preview, updated_at)
            SELECT conversation_id, consultant_id, phone, 'Lead ' || right(phone, 4), true, 2, due - interval '23 hours' + interval '3 seconds',
                   due - interval '23 hours', 'Grazie, ci penso', now()
              FROM bench_followups;
            CREATE TEMP TABLE bench_anchors AS
            SELECT gen_random_uuid() AS message_id, gen_random_uuid() AS batch_id, b.* FROM bench_followups b;
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, batch_id, is_batched, handled_at, created_at)
            SELECT message_id, consultant_id, phone, 'inbound', 'lead', NULL, 'Quanto costa il programma?', 'received', batch_id, true,
                   due - interval '23 hours' + interval '3 seconds', due - interval '23 hours'
              FROM bench_anchors;
            INSERT INTO messages (id, consultant_id, contact_phone, direction, sender, origin, body, status, reply_to_batch_id, created_at, sent_at)
            SELECT gen_random_uuid(), consultant_id, phone, 'outbound', 'ai', 'ai', 'Il programma costa 90 euro al mese.', 'delivered', batch_id,
                   due - interval '23 hours' + interval '3 seconds', due - interval '23 hours' + interval '3 seconds'
              FROM bench_anchors;
            INSERT INTO whatsapp_followup_reminders
                   (id, consultant_id, conversation_id, contact_phone, rule, anchor, anchor_at, scheduled_for, status, created_at, updated_at)
            SELECT gen_random_uuid(), consultant_id, conversation_id, phone, 'lead_24h', message_id, due - interval '23 hours', due, 'pending', now(), now()
              FROM bench_anchors;
            DROP TABLE bench_followups;
            ANALYZE;
            """, connection) { CommandTimeout = 600 };
        await write.ExecuteNonQueryAsync();
    }

    private static async Task<SortedDictionary<string, long>> StatusCountsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT status, count(*) FROM whatsapp_followup_reminders GROUP BY status");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }


}
