using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Ai;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Consultant.Bench;

/// <summary>
/// <c>bench/run.sh --broadcast</c>: one template broadcast to 10,000 contacts (1,000 with <c>--quick</c>) at
/// <c>Broadcast:MessagesPerSecond</c> = 50 through the real pacer, with the fake Twilio at the HTTP boundary. Measures
/// the pace from the times the fake Twilio received the messages, counts its messages per contact (every contact
/// exactly once), and times replies to inbound messages sent while the broadcast runs against the same replies with
/// no broadcast (the debounce's overhead). Writes the "Broadcasts" section of bench/RESULTS.md.
/// </summary>
internal static class BroadcastBench
{
    private const string Marker = "<!-- broadcast -->";
    private const double Rate = 50;
    private const double DebounceSeconds = 4;
    private const string ContentSid = "HX0123456789abcdef0123456789abcdef";
    private const string Number = "+14155238886";

    public static async Task<int> RunAsync(bool quick, string output)
    {
        var recipients = quick ? 1_000 : 10_000;
        var replyContacts = quick ? 10 : 40;
        var started = DateTimeOffset.UtcNow;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];

        Console.WriteLine("Broadcast: starting the product host...");
        await using var twilio = await FakeTwilio.StartAsync();
        await using var ai = await FakeAi.StartAsync();
        await using var host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, "bench", FreePort.Next(), new Dictionary<string, string>
        {
            ["Broadcast:MessagesPerSecond"] = Rate.ToString(CultureInfo.InvariantCulture),
            ["WhatsApp:DebounceSeconds"] = DebounceSeconds.ToString(CultureInfo.InvariantCulture),
            ["Ai:Endpoint"] = ai.Endpoint.ToString(),
            ["Flows:StartForNewLeads"] = "false", // replies are the AI's answers, not a guided flow's first question
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG_LEVEL") ?? "Error",
        });
        host.StartServer();
        await host.Services.GetRequiredService<AiKeyPool>().AddAsync("bench", "bench-pool-key");
        using var consultant = await host.RegisterConsultantAsync("Broadcast Bench");
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var authToken = Guid.NewGuid().ToString("N");
        twilio.AddAccount(accountSid, authToken);
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new { accountSid, authToken, whatsappNumber = Number, mode = "webhook" })).EnsureSuccessStatusCode();
        (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).EnsureSuccessStatusCode();
        using var webhooks = new HttpClient { BaseAddress = host.KestrelAddress, Timeout = TimeSpan.FromSeconds(60) };

        Console.WriteLine($"Seeding {recipients:N0} tagged lead conversations...");
        var audience = Enumerable.Range(0, recipients).Select(i => "+5521" + (900000000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        await SeedAsync(host.ConnectionString, consultant.Id, audience);
        var template = await AddTemplateAsync(consultant.Http);

        // Baseline: replies with nothing else running.
        Console.WriteLine($"Baseline: {replyContacts} replies with no broadcast...");
        var baseline = await RepliesAsync(host.ConnectionString, twilio, webhooks, accountSid, authToken, Fresh("+5531", replyContacts), TimeSpan.FromMilliseconds(250));

        Console.WriteLine($"Broadcast: {recipients:N0} recipients at {Rate}/s...");
        var create = await consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", new
        {
            name = "Bench", audience = new { group = "all", tags = new[] { "bench" } },
            template = new { templateId = template, variables = new Dictionary<string, string> { ["1"] = "{name}" } },
        });
        create.EnsureSuccessStatusCode();
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var preview = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/broadcasts/{id}/preview");
        var startWatch = Stopwatch.StartNew();
        (await consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/start", null)).EnsureSuccessStatusCode();

        // Replies while it runs: contacts who already got the broadcast write back, spread over its middle.
        var expectedSeconds = recipients / Rate;
        await Task.Delay(TimeSpan.FromSeconds(expectedSeconds * 0.2));
        var writing = BroadcastMessages(twilio).Select(m => m.To["whatsapp:".Length..]).Take(replyContacts).ToList();
        var during = await RepliesAsync(host.ConnectionString, twilio, webhooks, accountSid, authToken, writing, TimeSpan.FromSeconds(expectedSeconds * 0.5 / replyContacts));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(expectedSeconds * 3 + 60);
        while (await Db.ScalarAsync<string>(host.ConnectionString, "SELECT status FROM whatsapp_broadcasts WHERE id = @id", ("id", id)) != "completed")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The broadcast did not complete in time.");
            }

            await Task.Delay(500);
        }

        var elapsed = startWatch.Elapsed;
        var sent = BroadcastMessages(twilio);
        var times = sent.Select(m => m.DateSent).Order().ToList();
        var pace = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
        var perContact = sent.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Count());
        var everyOnce = audience.All(c => perContact.GetValueOrDefault("whatsapp:" + c) == 1) && perContact.Count == audience.Count;
        var duplicates = perContact.Values.Count(n => n > 1);
        var missing = audience.Count(c => !perContact.ContainsKey("whatsapp:" + c));
        var recorded = await Db.ScalarAsync<long>(host.ConnectionString,
            "SELECT count(*) FROM whatsapp_broadcast_recipients WHERE broadcast_id = @id AND status = 'sent'", ("id", id));
        var paceMet = Math.Abs(pace - Rate) <= Rate * 0.02;
        var slotMs = 1000 / Rate;
        var replyMet = during.Count == replyContacts && during.P99 <= baseline.P99 + slotMs;

        var section = new StringBuilder();
        section.AppendLine("## Broadcasts").AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: reduced sizes, not representative)" : "")}; load average at the start {load} (it counts whatever ran before; this run's own silo, PostgreSQL and fakes share the cores)");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{BenchFacts.Git("rev-parse --short HEAD")}`");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Command: `bench/run.sh --broadcast{(quick ? " --quick" : "")}` (a throwaway PostgreSQL, then `dotnet run --project bench/LoadDriver -c Release -- --broadcast`)");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Set-up: the product host (silo + API on Kestrel, real PostgreSQL), fake Twilio and fake AI on loopback, all in one process. One consultant, {recipients:N0} lead conversations tagged `bench`; one template broadcast (`{{{{1}}}}` = `{{name}}`) to the tag at `Broadcast:MessagesPerSecond` = {Rate}, through the sender pacer and each contact's conversation grain. Debounce {DebounceSeconds} s.");
        section.AppendLine().AppendLine("| | measured | aim |").AppendLine("| --- | --- | --- |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| pace (messages Twilio received, first to last) | {pace:0.00}/s over {(times[^1] - times[0]).TotalSeconds:0.0} s; start to completed {elapsed.TotalSeconds:0.0} s | {Rate}/s ± 2 % ({(paceMet ? "met" : "not met")}) |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| messages per contact (fake Twilio) | {sent.Count:N0} messages to {perContact.Count:N0} contacts; {duplicates} contacts more than once, {missing} never; {recorded:N0} recipients recorded sent; preview said {preview.GetProperty("recipientCount").GetInt32():N0} recipients, {preview.GetProperty("estimatedSeconds").GetDouble():0} s | each exactly once ({(everyOnce ? "met" : "NOT met")}) |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| reply overhead over the {DebounceSeconds} s debounce, no broadcast ({baseline.Count} of {replyContacts} replied within 2 minutes): p50 / p99 / max | {baseline.P50:0} / {baseline.P99:0} / {baseline.Max:0} ms | |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| the same during the broadcast ({during.Count} of {replyContacts} recipients writing back replied within 2 minutes): p50 / p99 / max | {during.P50:0} / {during.P99:0} / {during.Max:0} ms | p99 within one slot ({slotMs:0} ms) of the baseline's ({(replyMet ? "met" : "not met")}) |");
        section.AppendLine().AppendLine("Reply overhead = the fake Twilio receiving the AI's reply − the webhook's post − the debounce. Replies never wait for the pacer; a broadcast can only slow them through the CPU and database they share.");

        await ResultsSections.WriteAsync(output, Marker, section.ToString());
        Console.WriteLine(section.ToString());
        return everyOnce && paceMet ? 0 : 1;
    }

    private static List<FakeTwilioMessage> BroadcastMessages(FakeTwilio twilio) => twilio.Sent.Where(m => m.ContentSid == ContentSid).ToList();

    private static List<string> Fresh(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => prefix + (900000000 + i).ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>Each contact writes once, <paramref name="spacing"/> apart; the overhead of each AI reply over the debounce.</summary>
    private static async Task<LatencyStats> RepliesAsync(
        string connectionString, FakeTwilio twilio, HttpClient http, string accountSid, string authToken, IReadOnlyList<string> contacts, TimeSpan spacing)
    {
        var posted = new Dictionary<string, DateTimeOffset>();
        foreach (var contact in contacts)
        {
            var form = TwilioWebhook.InboundForm(accountSid, contact, Number, "Is there a place left?");
            posted[contact] = DateTimeOffset.UtcNow; // from the post, not its acknowledgement: a slow webhook is part of the overhead
            using var response = await TwilioWebhook.PostAsync(http, SiloHost.WebhookUrl, authToken, form);
            response.EnsureSuccessStatusCode();
            await Task.Delay(spacing);
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        Dictionary<string, DateTimeOffset> replied;
        while ((replied = Replies(twilio, posted)).Count < contacts.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        foreach (var missing in contacts.Where(c => !replied.ContainsKey(c)))
        {
            Console.WriteLine($"No reply to {missing} within 2 minutes; what Twilio got for it: "
                + string.Join(" | ", twilio.Sent.Where(m => m.To == "whatsapp:" + missing).Select(m => $"{m.DateSent:HH:mm:ss.fff} {m.ContentSid ?? m.Body[..Math.Min(40, m.Body.Length)]}")));
            Console.WriteLine("  its messages: " + string.Join(" | ", await MessagesAsync(connectionString, missing)));
        }

        return new LatencyStats(contacts.Where(replied.ContainsKey).Select(c => (replied[c] - posted[c]).TotalMilliseconds - DebounceSeconds * 1000));
    }

    private static async Task<List<string>> MessagesAsync(string connectionString, string phone)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT direction || ' ' || coalesce(origin, '-') || ' ' || status || ' ' || to_char(created_at, 'HH24:MI:SS.MS') || ' handled=' || (handled_at IS NOT NULL) || ' ' || coalesce(error, '') FROM messages WHERE contact_phone = @p ORDER BY created_at",
            connection);
        command.Parameters.AddWithValue("p", phone);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The first reply (not the broadcast) the fake Twilio received for each contact after its message.</summary>
    private static Dictionary<string, DateTimeOffset> Replies(FakeTwilio twilio, Dictionary<string, DateTimeOffset> posted) =>
        twilio.Sent.Where(m => m.ContentSid != ContentSid && posted.TryGetValue(m.To["whatsapp:".Length..], out var at) && m.DateSent >= at)
            .GroupBy(m => m.To["whatsapp:".Length..])
            .ToDictionary(g => g.Key, g => g.Min(m => m.DateSent));

    private static async Task SeedAsync(string connectionString, Guid consultantId, IReadOnlyList<string> phones)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO conversations (id, consultant_id, contact_phone, display_name, is_lead, tags, updated_at)
            SELECT c.id, @consultantId, c.phone, 'Bench ' || c.ordinal, true, ARRAY['bench'], now()
              FROM unnest(@ids, @phones) WITH ORDINALITY AS c (id, phone, ordinal)
            """,
            connection);
        command.Parameters.AddWithValue("consultantId", consultantId);
        command.Parameters.AddWithValue("ids", phones.Select(p => ConversationKey.IdFor(consultantId, p)).ToArray());
        command.Parameters.AddWithValue("phones", phones.ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Guid> AddTemplateAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/whatsapp/templates", new { name = "Bench news", contentSid = ContentSid, body = "Ciao {{1}}, the new programme starts Monday." });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

}
