using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// The CSVs behind the funnel chart (stages), its weekly cohorts and the key pool's per-day chart: each is exactly the
/// JSON endpoint's rows, scoped as the JSON is (the consultant's own leads; the pool for administrators only).
/// </summary>
public sealed class AnalyticsCsvApiTests : HostFixture
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_funnel_csvs_have_exactly_the_stages_and_the_weeks_of_the_api_and_another_consultant_sees_none_of_them()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var ledger = new LedgerRows(Host.ConnectionString, consultant.Id);
        await ledger.LeadStageAsync("+393480004001", "new", Monday);
        await ledger.LeadStageAsync("+393480004001", "engaged", Monday.AddHours(3));
        await ledger.LeadStageAsync("+393480004001", "booked", Monday.AddDays(2));
        await ledger.LeadStageAsync("+393480004002", "new", Monday.AddDays(8));
        await ledger.LeadStageAsync("+393480004002", "engaged", Monday.AddDays(8).AddMinutes(30));
        await ledger.LeadStageAsync("+393480004003", "new", Monday.AddDays(9));
        await ledger.LeadStageAsync("sim:+393480004004", "new", Monday.AddDays(9));

        const string query = "?from=2026-03-01&to=2026-03-15";
        var json = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/analytics/funnel" + query);
        Assert.That(json.GetProperty("leads").GetInt32(), Is.EqualTo(3), "the simulator is left out");

        var stages = await consultant.Http.GetAsync("/api/analytics/funnel.csv" + query);
        AssertDownload(stages, "lead-funnel-2026-03-01-to-2026-03-15.csv");
        var stageLines = await LinesAsync(stages);
        Assert.That(stageLines[0], Is.EqualTo("stage,timeZone,count,shareOfLeads,dropOff,dropOffRate,medianSecondsFromFirstMessage"));
        AssertRowsEqual(stageLines, json, json.GetProperty("stages"));

        var weeks = await consultant.Http.GetAsync("/api/analytics/funnel-weeks.csv" + query);
        AssertDownload(weeks, "lead-funnel-weeks-2026-03-01-to-2026-03-15.csv");
        var weekLines = await LinesAsync(weeks);
        Assert.That(weekLines[0], Is.EqualTo("week,monday,timeZone,new,engaged,qualified,booked,converted"));
        Assert.That(weekLines, Has.Length.EqualTo(1 + 3), "the ISO weeks 9, 10 and 11 the period touches");
        AssertRowsEqual(weekLines, json, json.GetProperty("weeks"));

        var withSimulator = await LinesAsync(await consultant.Http.GetAsync("/api/analytics/funnel.csv" + query + "&includeSimulator=true"));
        Assert.That(withSimulator[1], Does.StartWith("new,Europe/Rome,4,"));

        var theirs = await LinesAsync(await other.Http.GetAsync("/api/analytics/funnel.csv" + query));
        Assert.That(theirs.Skip(1).Select(line => line.Split(',')[2]), Is.All.EqualTo("0"), "another consultant counts none of these leads");
        var theirWeeks = await LinesAsync(await other.Http.GetAsync("/api/analytics/funnel-weeks.csv" + query));
        Assert.That(theirWeeks.Skip(1).SelectMany(line => line.Split(',').Skip(3)), Is.All.EqualTo("0"));
    }

    [Test]
    public async Task The_key_pool_csv_has_exactly_the_days_of_the_api_for_administrators_only()
    {
        using var admin = await Host.RegisterAdministratorAsync();
        using var consultant = await Host.RegisterConsultantAsync();
        var added = await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "Studio, uno", apiKey = "pool-key-CSV1", requestsPerDay = 50 });
        var keyId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at) VALUES
              ('{keyId}', 'pool', '{consultant.Id}', 'ok', '2026-03-03T07:59:00Z'),
              ('{keyId}', 'pool', '{consultant.Id}', 'ok', '2026-03-03T08:01:00Z'),
              ('{keyId}', 'pool', '{consultant.Id}', 'rate_limited', '2026-03-03T09:00:00Z'),
              ('{keyId}', 'pool', '{consultant.Id}', 'error', '2026-03-04T09:00:00Z')
            """);

        const string query = "?from=2026-03-02&to=2026-03-05";
        var json = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/ai-keys/usage" + query);
        var csv = await admin.Http.GetAsync("/api/admin/ai-keys/usage.csv" + query);
        AssertDownload(csv, "ai-key-usage-2026-03-02-to-2026-03-05.csv");
        var lines = await LinesAsync(csv);
        Assert.That(lines[0], Is.EqualTo("date,timeZone,keyId,label,calls,rateLimited,errors"));
        Assert.That(lines, Has.Length.EqualTo(1 + 4), "every Pacific day of the one key, zeros included");
        Assert.That(lines[1], Is.EqualTo($"2026-03-02,America/Los_Angeles,{keyId},\"Studio, uno\",1,0,0"), "a comma in a label is quoted");
        AssertRowsEqual(lines, json, json.GetProperty("days"));

        Assert.That((await consultant.Http.GetAsync("/api/admin/ai-keys/usage.csv" + query)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_replies_to_automation_csv_has_exactly_the_origins_and_the_rules_of_the_api_and_another_consultant_sees_none()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var ledger = new LedgerRows(Host.ConnectionString, consultant.Id);
        await ledger.FollowUpSentAsync("+393480005001", "lead_24h", Monday);
        await ledger.InboundAsync("+393480005001", Monday.AddHours(2));
        await ledger.FollowUpSentAsync("+393480005002", "lead_24h", Monday);
        await ledger.FollowUpSentAsync("+393480005003", "after_consultation", Monday.AddDays(1));
        await ledger.OutboundAsync("+393480005004", "flow", Monday);
        await ledger.InboundAsync("+393480005004", Monday.AddMinutes(3));

        const string query = "?from=2026-03-01&to=2026-03-15";
        var json = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/analytics/automation-replies" + query);
        Assert.That(json.GetProperty("followUpRules").GetArrayLength(), Is.EqualTo(2));

        var csv = await consultant.Http.GetAsync("/api/analytics/automation-replies.csv" + query);
        AssertDownload(csv, "automation-replies-2026-03-01-to-2026-03-15.csv");
        var lines = await LinesAsync(csv);
        Assert.That(lines[0], Is.EqualTo("origin,rule,timeZone,sent,replied,rate"));
        var expected = json.GetProperty("origins").EnumerateArray().SelectMany(origin =>
        {
            var name = origin.GetProperty("origin").GetString()!;
            var rules = name == "followup" ? json.GetProperty("followUpRules").EnumerateArray().Select(rule => (name, rule.GetProperty("rule").GetString()!, rule)) : [];
            return new[] { (name, "", origin) }.Concat(rules);
        }).Select(row => string.Join(',', row.Item1, row.Item2, "Europe/Rome", Field(row.Item3, "sent"), Field(row.Item3, "replied"), Field(row.Item3, "rate")));
        Assert.That(lines.Skip(1), Is.EqualTo(expected));
        Assert.That(lines.Skip(1).Take(3), Is.EqualTo(new[]
        {
            "followup,,Europe/Rome,3,1,0.3333333333333333", "followup,lead_24h,Europe/Rome,2,1,0.5", "followup,after_consultation,Europe/Rome,1,0,0",
        }));
        Assert.That(lines.Last(), Is.EqualTo("flow,,Europe/Rome,1,1,1"));

        var theirs = await LinesAsync(await other.Http.GetAsync("/api/analytics/automation-replies.csv" + query));
        Assert.That(theirs.Skip(1), Is.EqualTo(new[] { "followup,,Europe/Rome,0,0,", "broadcast,,Europe/Rome,0,0,", "flow,,Europe/Rome,0,0," }),
            "another consultant counts none of these messages");
    }

    [TestCase("/api/analytics/automation-replies", "?from=2026-03-01&to=2026-03-02&includeSimulator=maybe", "includeSimulator")]
    [TestCase("/api/analytics/automation-replies", "?to=2026-03-02", "from")]
    [TestCase("/api/analytics/automation-replies.csv", "?from=2026-03-02&to=2026-03-01", "from")]
    [TestCase("/api/analytics/automation-replies.csv", "?from=2026-03-01&to=March", "to")]
    [TestCase("/api/analytics/funnel.csv", "?from=2026-02-31&to=2026-03-01", "from")]
    [TestCase("/api/analytics/funnel.csv", "?from=2025-01-01&to=2026-03-01", "to")]
    [TestCase("/api/analytics/funnel.csv", "?from=2026-03-01&to=2026-03-02&includeSimulator=maybe", "includeSimulator")]
    [TestCase("/api/analytics/funnel-weeks.csv", "?from=2026-03-02&to=2026-03-01", "from")]
    [TestCase("/api/analytics/funnel-weeks.csv", "?from=2026-03-01", "to")]
    [TestCase("/api/admin/ai-keys/usage.csv", "?from=2026-03-09&to=2026-03-02", "from")]
    [TestCase("/api/admin/ai-keys/usage.csv", "?from=2026-03-02&to=9 March", "to")]
    public async Task A_bad_period_for_a_csv_is_400_naming_the_field(string path, string query, string field)
    {
        using var admin = await Host.RegisterAdministratorAsync();
        var response = await admin.Http.GetAsync(path + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), Is.True);
    }

    private static string Field(JsonElement row, string name) =>
        row.GetProperty(name) is { ValueKind: JsonValueKind.Null } ? "" : row.GetProperty(name).GetRawText();

    private static void AssertDownload(HttpResponseMessage response, string fileName)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, Is.EqualTo(fileName));
    }

    private static async Task<string[]> LinesAsync(HttpResponseMessage response) =>
        (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One CSV line per JSON row, in order; each column the row's field of that name (the time zone the report's), as the CSV writes it.</summary>
    private static void AssertRowsEqual(string[] lines, JsonElement report, JsonElement rows)
    {
        var header = lines[0].Split(',');
        var expected = rows.EnumerateArray().Select(row => string.Join(',', header.Select(column =>
        {
            var value = column == "timeZone" ? report.GetProperty("timeZone") : row.GetProperty(column);
            return value.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.String when value.GetString()!.Contains(',') => $"\"{value.GetString()}\"",
                JsonValueKind.String => value.GetString()!,
                _ => value.GetRawText(),
            };
        })));
        Assert.That(lines.Skip(1), Is.EqualTo(expected));
    }
}
