using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Consultant.Grains.Accounts;
using Consultant.Grains.Analytics;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Bench;

/// <summary>
/// <c>bench/run.sh --analytics</c>: one consultant with a year of history (1,000,000 messages, their AI calls, media
/// and lead stages, bulk-copied), then the 90-day Analytics page's data and the daily CSV (HTTP, bearer token) timed
/// against a plain count of the same messages; and the nightly close of one day for 1,000 consultants through the
/// real closing code, against 1,000 plain counts of their day. Writes the "Analytics" section of bench/RESULTS.md.
/// </summary>
internal static class AnalyticsBench
{
    public const string Marker = "<!-- analytics -->";
    private const int HistoryDays = 365;

    public static async Task<int> RunAsync(bool quick, string output)
    {
        var messages = quick ? 100_000 : 1_000_000;
        var closingConsultants = quick ? 100 : 1_000;
        const int MessagesPerClosingConsultant = 40;
        var runs = quick ? 5 : 20;
        var started = DateTimeOffset.UtcNow;

        Console.WriteLine("Analytics: starting the product host...");
        await using var twilio = await FakeTwilio.StartAsync();
        await using var host = new SiloHost(await TestPostgres.CreateDatabaseAsync(), twilio.BaseUrl, "bench", FreePort.Next(), new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG_LEVEL") ?? "Error",
        });
        host.StartServer();
        var firstReminderTick = Task.Delay(TimeSpan.FromSeconds(75));
        using var consultant = await host.RegisterConsultantAsync("Analytics Bench");
        var connection = host.ConnectionString;
        // Signed up long ago: the close has its whole year to do.
        await Db.ScalarAsync<object>(connection, "UPDATE consultants SET created_at = now() - interval '400 days' WHERE id = @id", ("id", consultant.Id));

        var calendar = await host.Services.GetRequiredService<AccountSettingsService>().GetCalendarAsync(consultant.Id);
        var today = calendar.LocalToday;
        var seeding = Stopwatch.StartNew();
        Console.WriteLine($"Seeding {messages:N0} messages over {HistoryDays} days with COPY...");
        var seeded = await HistorySeed.CopyAsync(connection, consultant.Id, calendar.TimeZone, today, HistoryDays, messages);
        await Db.ExecuteAsync(connection, "VACUUM ANALYZE"); // as autovacuum leaves a table that is read more than written
        seeding.Stop();

        var period = AnalyticsPeriod.Last(90, today);
        var range = period.In(Grains.Common.TimeZones.Get(calendar.TimeZone));
        var daily = host.Services.GetRequiredService<DailyStatsService>();
        var funnel = host.Services.GetRequiredService<LeadFunnelReport>();
        var closing = host.Services.GetRequiredService<DailyStatsClosing>();
        using var http = new HttpClient { BaseAddress = host.KestrelAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", consultant.Token);
        var csvPath = string.Create(CultureInfo.InvariantCulture, $"/api/analytics/daily.csv?from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}");

        var baselineCount = 0L;
        async Task Baseline() => baselineCount = await Db.ScalarAsync<long>(connection,
            "SELECT count(*) FROM messages WHERE consultant_id = @id AND created_at >= @start AND created_at < @end",
            ("id", consultant.Id), ("start", range.Start), ("end", range.End));
        // With the simulator every day is computed live (stored days never hold it): the page before any day is closed.
        Func<Task> PageData(bool live) => async () =>
        {
            await daily.GetAsync(consultant.Id, period, includeSimulator: live);
            await funnel.GetAsync(consultant.Id, period, includeSimulator: live);
        };

        Func<Task> Csv(bool live) => async () =>
        {
            using var response = await http.GetAsync(csvPath + (live ? "&includeSimulator=true" : ""));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync();
        };

        // The close's hourly reminder first ticks a minute after start: let it pass, so it runs during nothing measured.
        await firstReminderTick;
        await WaitForReminderCloseAsync(connection, consultant.Id, today.AddDays(-1));

        Console.WriteLine("Closing the year's days of the bench consultant...");
        var closeYear = Stopwatch.StartNew();
        var closedYear = await closing.RecomputeAsync(consultant.Id, AnalyticsPeriod.Last(AnalyticsPeriod.MaxDays, today));
        closeYear.Stop();

        Console.WriteLine("Timing the 90 days...");
        var baseline = await TimeAsync(Baseline, runs);
        var pageClosed = await TimeAsync(PageData(live: false), runs);
        var csvClosed = await TimeAsync(Csv(live: false), runs);
        var pageLive = await TimeAsync(PageData(live: true), runs);
        var csvLive = await TimeAsync(Csv(live: true), runs);

        Console.WriteLine($"Closing yesterday for {closingConsultants:N0} consultants...");
        var yesterday = today.AddDays(-1);
        var others = await HistorySeed.CopyClosingDayAsync(connection, closingConsultants, MessagesPerClosingConsultant, yesterday, calendar.TimeZone);
        await Db.ExecuteAsync(connection, "VACUUM ANALYZE");
        var closeWatch = Stopwatch.StartNew();
        var closed = await closing.CloseDueDaysAsync();
        closeWatch.Stop();
        var dayRange = AnalyticsPeriod.Of(yesterday, yesterday).Value!.In(Grains.Common.TimeZones.Get(calendar.TimeZone));
        var countWatch = Stopwatch.StartNew();
        foreach (var id in others)
        {
            await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM messages WHERE consultant_id = @id AND created_at >= @start AND created_at < @end",
                ("id", id), ("start", dayRange.Start), ("end", dayRange.End));
        }

        countWatch.Stop();

        var pageAim = pageClosed.P99 < 200;
        var csvAim = csvClosed.P99 < 200;
        var closeAim = closeWatch.Elapsed < TimeSpan.FromMinutes(1);
        var section = new StringBuilder();
        section.AppendLine(Marker).AppendLine("## Analytics").AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"- Date: {started:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: reduced sizes, not representative)" : "")}");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Commit: `{BenchFacts.Git("rev-parse --short HEAD")}`");
        section.AppendLine("- Command: `bench/run.sh --analytics` (a throwaway PostgreSQL, then `dotnet run --project bench/LoadDriver -c Release -- --analytics`)");
        section.AppendLine(CultureInfo.InvariantCulture, $"- Set-up: the product host (silo + API on Kestrel) and real PostgreSQL on this machine. One consultant ({calendar.TimeZone}) with {seeded.Messages:N0} messages over {HistoryDays} days from {seeded.Contacts:N0} contacts (AI, consultant and automated replies, failed sends, {seeded.Media:N0} media files), {seeded.AiCalls:N0} AI calls and {seeded.LeadEvents:N0} lead stage events, bulk-copied in {seeding.Elapsed.TotalSeconds:0} s. The 90 days hold {baselineCount:N0} of the messages. Each figure over {runs} runs after one warm-up.");
        section.AppendLine().AppendLine("| 90 days, one consultant | p50 (ms) | p99 (ms) | p50 / baseline |").AppendLine("| --- | --- | --- | --- |");
        Row(section, "baseline: `SELECT count(*)` of the 90 days' messages", baseline, baseline);
        Row(section, "page data: daily report + funnel (closed days stored, today live)", pageClosed, baseline);
        Row(section, "`daily.csv` over HTTP with a bearer token (closed days stored, today live)", csvClosed, baseline);
        Row(section, "page data, every day live (`includeSimulator=true`, as before any day is closed)", pageLive, baseline);
        Row(section, "`daily.csv` over HTTP, every day live", csvLive, baseline);
        section.AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"Closing (recomputing) the consultant's whole history ({closedYear.Days} days) took {closeYear.Elapsed.TotalSeconds:0.0} s.").AppendLine();
        section.AppendLine("| Closing one day | total (s) | per consultant (ms) | total / baseline |").AppendLine("| --- | --- | --- | --- |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| baseline: {others.Count:N0} × `SELECT count(*)` of one consultant's day | {countWatch.Elapsed.TotalSeconds:0.00} | {countWatch.Elapsed.TotalMilliseconds / others.Count:0.0} | 1.0 |");
        section.AppendLine(CultureInfo.InvariantCulture, $"| `DailyStatsClosing.CloseDueDaysAsync`: {closed.Consultants:N0} consultants, {closed.Days:N0} days ({MessagesPerClosingConsultant} messages each) | {closeWatch.Elapsed.TotalSeconds:0.00} | {closeWatch.Elapsed.TotalMilliseconds / Math.Max(1, closed.Consultants):0.0} | {closeWatch.Elapsed / countWatch.Elapsed:0.0}x |");
        section.AppendLine();
        section.AppendLine(CultureInfo.InvariantCulture, $"Aims: the 90-day page data and the CSV under 200 ms: page p99 {pageClosed.P99:0} ms ({BenchFacts.Met(pageAim)}), CSV p99 {csvClosed.P99:0} ms ({BenchFacts.Met(csvAim)}) with closed days stored; every day live {pageLive.P99:0} / {csvLive.P99:0} ms. Closing a day for {others.Count:N0} consultants under a minute: {closeWatch.Elapsed.TotalSeconds:0.0} s ({BenchFacts.Met(closeAim)}).");

        await WriteSectionAsync(output, section.ToString());
        Console.WriteLine(section.ToString());
        return 0;
    }

    /// <summary>Keeps what the webhook run wrote before the marker; replaces the analytics section after it.</summary>
    public static async Task WriteSectionAsync(string output, string section)
    {
        var existing = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
        var at = existing.IndexOf(Marker, StringComparison.Ordinal);
        var before = at < 0 ? existing : existing[..at];
        await File.WriteAllTextAsync(output, before.TrimEnd() + Environment.NewLine + Environment.NewLine + section);
    }

    private static async Task WaitForReminderCloseAsync(string connection, Guid consultantId, DateOnly yesterday)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await Db.ScalarAsync<long>(connection, "SELECT count(*) FROM whatsapp_daily_stats WHERE consultant_id = @id AND day = @day",
                   ("id", consultantId), ("day", yesterday)) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }
    }

    private static async Task<LatencyStats> TimeAsync(Func<Task> action, int runs)
    {
        await action(); // warm-up: JIT, plans, caches
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        return new LatencyStats(samples);
    }

    private static void Row(StringBuilder section, string name, LatencyStats stats, LatencyStats baseline) =>
        section.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {stats.P50:0.0} | {stats.P99:0.0} | {stats.P50 / baseline.P50:0.0}x |");


}
