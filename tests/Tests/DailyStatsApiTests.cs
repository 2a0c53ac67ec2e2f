using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary><c>GET /api/analytics/daily</c> and its CSV, with AI prices configured; the administrators' recompute.</summary>
public sealed class DailyStatsApiTests : HostFixture
{
    private static readonly DateTimeOffset Morning = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Ai:InputPricePerMillion"] = "0.30",
        ["Ai:OutputPricePerMillion"] = "2.50",
    };

    [Test]
    public async Task The_csv_has_exactly_the_rows_of_the_api_and_another_consultant_sees_none_of_them()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var rows = new LedgerRows(Host.ConnectionString, consultant.Id);
        await rows.ConversationAsync("+393470003001", isLead: true);
        await rows.AnsweredByAiAsync("+393470003001", Morning.AddSeconds(4.5), Morning);
        await rows.InboundAsync("+393470003001", Morning.AddDays(1));
        await rows.OutboundAsync("+393470003001", "consultant", Morning.AddDays(1).AddMinutes(12));
        await rows.AiCallAsync("+393470003001", Morning.AddSeconds(3), 1000, 200);
        await rows.InboundAsync("sim:+393470003002", Morning);

        const string query = "?from=2026-02-09&to=2026-02-11";
        var json = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/analytics/daily" + query);
        var csvResponse = await consultant.Http.GetAsync("/api/analytics/daily.csv" + query);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(csvResponse.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(csvResponse.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(csvResponse.Content.Headers.ContentDisposition?.FileNameStar ?? csvResponse.Content.Headers.ContentDisposition?.FileName,
            Is.EqualTo("daily-stats-2026-02-09-to-2026-02-11.csv"));
        Assert.That(json.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));
        var days = json.GetProperty("days").EnumerateArray().ToList();
        Assert.That(days.Select(d => d.GetProperty("date").GetString()), Is.EqualTo(new[] { "2026-02-09", "2026-02-10", "2026-02-11" }));
        var tenth = days[1];
        Assert.Multiple(() =>
        {
            Assert.That(tenth.GetProperty("inbound").GetInt32(), Is.EqualTo(1), "the simulator is left out");
            Assert.That(tenth.GetProperty("aiResponseSeconds").GetProperty("median").GetDouble(), Is.EqualTo(4.5));
            Assert.That(tenth.GetProperty("consultantResponseSeconds").GetProperty("avg").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(tenth.GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(0.0008m), "1,000 × 0.30 + 200 × 2.50 per million");
            Assert.That(days[2].GetProperty("consultantResponseSeconds").GetProperty("avg").GetDouble(), Is.EqualTo(720));
        });

        // The CSV: the header, then one line a day with the API's values.
        var header = csv[0].Split(',');
        Assert.That(csv, Has.Length.EqualTo(1 + days.Count));
        for (var i = 0; i < days.Count; i++)
        {
            var fields = csv[i + 1].Split(',');
            for (var column = 0; column < header.Length; column++)
            {
                Assert.That(fields[column], Is.EqualTo(ApiValue(json, days[i], header[column])), $"{header[column]} of {days[i].GetProperty("date")}");
            }
        }

        var theirs = await other.Http.GetFromJsonAsync<JsonElement>("/api/analytics/daily" + query);
        Assert.That(theirs.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("total").GetInt32() + d.GetProperty("aiCalls").GetInt32()),
            Is.Zero);
        var withSimulator = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/analytics/daily" + query + "&includeSimulator=true");
        Assert.That(withSimulator.GetProperty("days")[1].GetProperty("inbound").GetInt32(), Is.EqualTo(2));
    }

    [TestCase("?from=2026-02-31&to=2026-03-01", "from")]
    [TestCase("?from=2026-03-02&to=2026-03-01", "from")]
    [TestCase("?from=2025-01-01&to=2026-03-01", "to")]
    [TestCase("?from=2026-03-01", "to")]
    public async Task A_bad_period_is_400_naming_the_field_for_the_json_and_the_csv(string query, string field)
    {
        using var consultant = await Host.RegisterConsultantAsync();
        foreach (var path in new[] { "/api/analytics/daily", "/api/analytics/daily.csv" })
        {
            var response = await consultant.Http.GetAsync(path + query);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), path);
        }
    }

    [Test]
    public async Task Administrators_recompute_stored_days_and_others_may_not()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var admin = await Host.RegisterAdministratorAsync();
        await new LedgerRows(Host.ConnectionString, consultant.Id).InboundAsync("+393470003003", Morning);
        const string path = "/api/admin/analytics/daily/recompute";

        Assert.That((await consultant.Http.PostAsJsonAsync(path, new { from = "2026-02-10", to = "2026-02-10" })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        var bad = await admin.Http.PostAsJsonAsync(path, new { from = "10/02/2026", to = "2026-02-10" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));
        Assert.That((await admin.Http.PostAsJsonAsync(path, new { from = "2026-02-10", to = "2026-02-10", consultantId = Guid.NewGuid() })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));

        var done = await admin.Http.PostAsJsonAsync(path, new { from = "2026-02-09", to = "2026-02-10", consultantId = consultant.Id });
        Assert.That(await done.Content.ReadFromJsonAsync<JsonElement>() is var body && body.GetProperty("days").GetInt32() == 2, body.ToString());
        Assert.That(await Consultant.TestSupport.Db.ScalarAsync<long>(Host.ConnectionString,
            "SELECT inbound FROM whatsapp_daily_stats WHERE consultant_id = @id AND day = '2026-02-10'", ("id", consultant.Id)), Is.EqualTo(1));
    }

    /// <summary>What the CSV column should hold for this day: the API's value, written as the CSV writes numbers.</summary>
    private static string ApiValue(JsonElement report, JsonElement day, string column)
    {
        if (column == "timeZone")
        {
            return report.GetProperty("timeZone").GetString()!;
        }

        var value = column switch
        {
            _ when column.EndsWith("Seconds", StringComparison.Ordinal) || column.EndsWith("ResponseCount", StringComparison.Ordinal) =>
                ResponseField(day, column),
            _ => day.GetProperty(column),
        };
        return value.ValueKind switch
        {
            JsonValueKind.Null => "",
            JsonValueKind.String => value.GetString()!,
            _ => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        };
    }

    private static JsonElement ResponseField(JsonElement day, string column)
    {
        var who = column.StartsWith("ai", StringComparison.Ordinal) ? "aiResponseSeconds" : "consultantResponseSeconds";
        var rest = column[(column.IndexOf("Response", StringComparison.Ordinal) + "Response".Length)..].Replace("Seconds", "", StringComparison.Ordinal);
        return day.GetProperty(who).GetProperty(rest switch { "Count" => "count", "Avg" => "avg", "Median" => "median", _ => "p90" });
    }
}
