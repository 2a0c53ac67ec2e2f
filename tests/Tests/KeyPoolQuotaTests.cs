using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Ai;
using Consultant.Grains.Analytics;
using Consultant.Grains.Storage;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// Pool keys' daily quotas, counted per Pacific day as Gemini counts them: set and changed by administrators, the
/// usage per key per day, the alerts (80 % of today's quota, resting after 429s), and a key out of quota skipped.
/// Each test starts from an empty pool (the pool is global to the database).
/// </summary>
public sealed class KeyPoolQuotaTests : HostFixture
{
    [SetUp]
    public Task EmptyThePoolAsync() =>
        Db.ExecuteAsync(Host.ConnectionString, "DELETE FROM ai_api_keys; DELETE FROM ai_key_rotation_log;");

    [Test]
    public async Task A_daily_quota_is_set_when_adding_a_key_changed_later_and_a_bad_one_is_400_naming_requestsPerDay()
    {
        using var admin = await Host.RegisterAdministratorAsync();
        using var consultant = await Host.RegisterConsultantAsync();

        foreach (var bad in new object[] { new { apiKey = "k-ZERO", requestsPerDay = 0 }, new { apiKey = "k-NEGA", requestsPerDay = -5 } })
        {
            var refused = await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", bad);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await ErrorsOfAsync(refused), Does.ContainKey("requestsPerDay"));
        }

        using var text = new StringContent("""{"apiKey":"k-TEXT","requestsPerDay":"lots"}""", System.Text.Encoding.UTF8, "application/json");
        var notANumber = await admin.Http.PostAsync("/api/admin/ai-keys", text);
        Assert.That(notANumber.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ErrorsOfAsync(notANumber), Does.ContainKey("requestsPerDay"));
        Assert.That(await Db.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM ai_api_keys"), Is.EqualTo(0), "nothing half-added");

        var added = await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "studio", apiKey = "pool-key-QQQQ", requestsPerDay = 500 });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.That((await KeyAsync(admin, id)).GetProperty("requestsPerDay").GetInt32(), Is.EqualTo(500));

        var changed = await admin.Http.PatchAsJsonAsync($"/api/admin/ai-keys/{id}", new { requestsPerDay = 1500 });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await KeyAsync(admin, id)).GetProperty("requestsPerDay").GetInt32(), Is.EqualTo(1500));

        var badChange = await admin.Http.PatchAsJsonAsync($"/api/admin/ai-keys/{id}", new { requestsPerDay = 0 });
        Assert.That(await ErrorsOfAsync(badChange), Does.ContainKey("requestsPerDay"));
        Assert.That((await KeyAsync(admin, id)).GetProperty("requestsPerDay").GetInt32(), Is.EqualTo(1500), "a refused change changes nothing");

        Assert.That((await admin.Http.PatchAsJsonAsync($"/api/admin/ai-keys/{Guid.NewGuid()}", new { requestsPerDay = 10 })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await consultant.Http.PatchAsJsonAsync($"/api/admin/ai-keys/{id}", new { requestsPerDay = 10 })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));

        Assert.That((await admin.Http.PatchAsJsonAsync($"/api/admin/ai-keys/{id}", new { requestsPerDay = (int?)null })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await KeyAsync(admin, id)).GetProperty("requestsPerDay").ValueKind, Is.EqualTo(JsonValueKind.Null), "null removes the quota");
        Assert.That(await admin.Http.GetStringAsync("/api/admin/ai-keys"), Does.Not.Contain("pool-key-QQQQ").And.Contain("…QQQQ"));
    }

    [Test]
    public async Task Usage_per_key_counts_each_call_on_its_pacific_day_around_midnight_pacific_in_winter_and_summer_time()
    {
        using var admin = await Host.RegisterAdministratorAsync();
        using var consultant = await Host.RegisterConsultantAsync();
        var pool = PoolAt(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var busy = await pool.AddAsync("busy", "pool-key-BUSY", 100);
        var quiet = await pool.AddAsync("quiet", "pool-key-QUIE");
        var gone = await pool.AddAsync("gone", "pool-key-GONE");

        // Winter (PST, UTC-8): midnight Pacific is 08:00 UTC.
        await LogAsync(busy.Id, "ok", "2026-03-03T07:59:00Z");          // Monday 2 March, 23:59 Pacific
        await LogAsync(busy.Id, "ok", "2026-03-03T08:01:00Z");          // Tuesday 3 March, 00:01
        await LogAsync(busy.Id, "rate_limited", "2026-03-03T09:00:00Z");
        await LogAsync(quiet.Id, "error", "2026-03-03T10:00:00Z");
        // Summer time from Sunday 8 March (a 23-hour day); from then midnight Pacific is 07:00 UTC.
        await LogAsync(busy.Id, "ok", "2026-03-09T06:59:00Z");          // Sunday 8 March, 23:59 PDT
        await LogAsync(busy.Id, "ok", "2026-03-09T07:01:00Z");          // Monday 9 March, 00:01 PDT
        await LogAsync(gone.Id, "ok", "2026-03-09T12:00:00Z");
        await LogAsync(busy.Id, "ok", "2026-03-10T07:00:00Z");          // 10 March 00:00 PDT: after the period
        await Db.ExecuteAsync(Host.ConnectionString,                    // a consultant's own key: not the pool's
            $"INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at) VALUES (NULL, 'consultant', '{consultant.Id}', 'ok', '2026-03-03T12:00:00Z')");
        await pool.RemoveAsync(gone.Id);

        var usage = await Host.Services.GetRequiredService<KeyPoolUsageQuery>().GetAsync(AnalyticsPeriod.Of(new(2026, 3, 2), new(2026, 3, 9)).Value!);

        long Calls(Guid key, int day) => usage.Days.Single(d => d.KeyId == key && d.Date == new DateOnly(2026, 3, day)).Calls;
        Assert.Multiple(() =>
        {
            Assert.That(usage.TimeZone, Is.EqualTo("America/Los_Angeles"));
            Assert.That((Calls(busy.Id, 2), Calls(busy.Id, 3)), Is.EqualTo((1L, 2L)), "23:59 and 00:01 Pacific fall on two days");
            Assert.That((Calls(busy.Id, 8), Calls(busy.Id, 9)), Is.EqualTo((1L, 1L)), "in summer time the day turns at 07:00 UTC");
            Assert.That(usage.Days.Single(d => d.KeyId == busy.Id && d.Date == new DateOnly(2026, 3, 3)).RateLimited, Is.EqualTo(1));
            Assert.That(usage.Days.Single(d => d.KeyId == quiet.Id && d.Date == new DateOnly(2026, 3, 3)).Errors, Is.EqualTo(1));
            Assert.That(usage.Days, Has.Count.EqualTo(8 * 3), "every day for every key, zeros included");
            var busyTotal = usage.Keys.Single(k => k.KeyId == busy.Id);
            Assert.That((busyTotal.Calls, busyTotal.RateLimited, busyTotal.Share), Is.EqualTo((5L, 1L, 5.0 / 7)));
            var goneTotal = usage.Keys.Single(k => k.KeyId == gone.Id);
            Assert.That((goneTotal.Removed, goneTotal.Label, goneTotal.Calls), Is.EqualTo((true, KeyPoolUsageQuery.RemovedKeyLabel, 1L)), "a removed key's calls still count");
            Assert.That(usage.Keys.Sum(k => k.Share), Is.EqualTo(1).Within(1e-9));
        });

        // The API gives the same, to administrators only; days outside the rules are 400 naming the field.
        var api = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/ai-keys/usage?from=2026-03-02&to=2026-03-09");
        var apiDay = api.GetProperty("days").EnumerateArray()
            .Single(d => d.GetProperty("keyId").GetGuid() == busy.Id && d.GetProperty("date").GetString() == "2026-03-03");
        Assert.That(apiDay.GetProperty("calls").GetInt64(), Is.EqualTo(2));
        Assert.That((await consultant.Http.GetAsync("/api/admin/ai-keys/usage?from=2026-03-02&to=2026-03-09")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await ErrorsOfAsync(await admin.Http.GetAsync("/api/admin/ai-keys/usage?from=2026-03-09&to=2026-03-02")), Does.ContainKey("from"));
        Assert.That(await ErrorsOfAsync(await admin.Http.GetAsync("/api/admin/ai-keys/usage?from=2026-03-02&to=9 March")), Does.ContainKey("to"));

        // Today's count for the quota, as the pool and its list see it: at 23:59 Pacific on 8 March, then at 00:01.
        var beforeMidnight = PoolAt(new DateTimeOffset(2026, 3, 9, 6, 59, 30, TimeSpan.Zero));
        Assert.That((await beforeMidnight.ListAsync()).Single(k => k.Id == busy.Id).RequestsToday, Is.EqualTo(1));
        var afterMidnight = PoolAt(new DateTimeOffset(2026, 3, 9, 7, 1, 30, TimeSpan.Zero));
        Assert.That((await afterMidnight.ListAsync()).Single(k => k.Id == busy.Id).RequestsToday, Is.EqualTo(1), "only the call of 00:01");
        var winterMorning = PoolAt(new DateTimeOffset(2026, 3, 3, 12, 0, 0, TimeSpan.Zero));
        Assert.That((await winterMorning.ListAsync()).Single(k => k.Id == busy.Id).RequestsToday, Is.EqualTo(1), "a 429 refusal is not counted");
    }

    [Test]
    public async Task A_key_at_80_percent_of_todays_quota_and_a_key_resting_after_429s_raise_alerts_that_say_what_to_do()
    {
        var now = new DateTimeOffset(2026, 4, 14, 20, 0, 0, TimeSpan.Zero); // 13:00 Pacific (PDT)
        var time = new FakeTimeProvider(now);
        var pool = PoolAt(time);
        var near = await pool.AddAsync("near", "pool-key-NEAR", 10);
        var below = await pool.AddAsync("below", "pool-key-BELO", 10);
        var full = await pool.AddAsync("full", "pool-key-FULL", 5);
        var resting = await pool.AddAsync("resting", "pool-key-REST");
        await LogManyAsync(near.Id, "ok", 8, now.AddHours(-12));     // 01:00 Pacific today
        await LogManyAsync(near.Id, "rate_limited", 3, now.AddHours(-1));
        await LogManyAsync(below.Id, "ok", 7, now.AddHours(-1));
        await LogManyAsync(full.Id, "error", 5, now.AddHours(-1));
        await LogManyAsync(below.Id, "ok", 5, now.AddHours(-14));   // 23:00 Pacific yesterday
        await pool.CoolDownAsync(resting.Id, TimeSpan.FromMinutes(10));

        var alerts = new KeyPoolAlerts(pool, new PoolKeyOutcomesQuery(Host.Services.GetRequiredService<NpgsqlDataSource>()), time);
        var raised = await alerts.ListAsync();
        var nextMidnightPacific = new DateTimeOffset(2026, 4, 15, 7, 0, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(raised.Select(a => (a.Kind, a.Label)), Is.EqualTo(new[]
            {
                (KeyPoolAlertKind.Failing, "full"), (KeyPoolAlertKind.Resting, "resting"), (KeyPoolAlertKind.NearQuota, "near"), (KeyPoolAlertKind.QuotaReached, "full"),
            }));
            var nearAlert = raised.Single(a => a.KeyId == near.Id);
            Assert.That((nearAlert.RequestsToday, nearAlert.RequestsPerDay, nearAlert.QuotaResetsAt), Is.EqualTo((8L, (int?)10, nextMidnightPacific)));
            Assert.That(nearAlert.Message, Does.Contain("8 of its 10 requests today (80 %)").And.Contain("Add another key"));
            Assert.That(raised.Single(a => a.KeyId == full.Id && a.Kind == KeyPoolAlertKind.QuotaReached).Message, Does.Contain("other keys answer until midnight Pacific time"));
            var restingAlert = raised.Single(a => a.KeyId == resting.Id);
            Assert.That(restingAlert.RestingUntil, Is.EqualTo(now.AddMinutes(10)));
            Assert.That(restingAlert.Message, Does.Contain("resting until 20:10 UTC").And.Contain("429"));
            Assert.That(raised.Select(a => a.Message), Has.None.Contain("pool-key-"), "never the key itself");
        });

        // Rested, and after midnight Pacific a new day's quota: nothing to say.
        time.SetUtcNow(nextMidnightPacific.AddMinutes(1));
        Assert.That(await alerts.ListAsync(), Is.Empty);

        // The API gives the same alerts (at the real time: a key resting from now on), to administrators only.
        using var admin = await Host.RegisterAdministratorAsync();
        using var consultant = await Host.RegisterConsultantAsync();
        await Host.Services.GetRequiredService<AiKeyPool>().CoolDownAsync(resting.Id, TimeSpan.FromMinutes(10));
        var apiAlerts = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/ai-keys/alerts");
        Assert.That(apiAlerts.EnumerateArray().Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("label").GetString())),
            Is.EqualTo(new[] { ("resting", "resting") }));
        Assert.That((await consultant.Http.GetAsync("/api/admin/ai-keys/alerts")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_key_that_used_its_quota_is_skipped_while_another_can_answer_until_midnight_pacific()
    {
        var now = new DateTimeOffset(2026, 6, 10, 20, 0, 0, TimeSpan.Zero); // 13:00 Pacific
        var time = new FakeTimeProvider(now);
        var pool = PoolAt(time);
        var limited = await pool.AddAsync("limited", "pool-key-LIMI", 2);
        time.Advance(TimeSpan.FromSeconds(1));
        var spare = await pool.AddAsync("spare", "pool-key-SPAR");
        await LogManyAsync(limited.Id, "ok", 2, now.AddHours(-2));

        // The older key would be first (neither used by this pool yet); its quota is used up, so the other answers, twice.
        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(spare.Id));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(spare.Id), "skipped although the other was used a moment ago");

        // With the other key resting it is the last resort: the provider's own 429 is what really stops it.
        await pool.CoolDownAsync(spare.Id, TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(limited.Id));

        // After midnight Pacific (07:00 UTC in summer) its quota starts again and it is the least recently used.
        time.SetUtcNow(new DateTimeOffset(2026, 6, 11, 7, 0, 30, TimeSpan.Zero));
        await pool.LeaseAsync(); // the spare (used longest ago)
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(limited.Id));
    }

    [Test]
    public async Task Leases_count_against_the_quota_before_the_log_is_read_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 18, 0, 0, TimeSpan.Zero));
        var pool = PoolAt(time);
        var one = await pool.AddAsync("one a day", "pool-key-ONE1", 1);
        time.Advance(TimeSpan.FromSeconds(1));
        var other = await pool.AddAsync("other", "pool-key-OTHR");

        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(one.Id), "the older key first");
        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(other.Id));
        Assert.That((await pool.LeaseAsync())?.Id, Is.EqualTo(other.Id), "its one request of the day is taken, though not logged yet");
    }

    [Test]
    public async Task A_key_whose_calls_fail_today_raises_a_failing_alert_and_a_busy_key_with_some_errors_does_not()
    {
        var now = new DateTimeOffset(2026, 5, 20, 20, 0, 0, TimeSpan.Zero); // 13:00 Pacific (PDT)
        var time = new FakeTimeProvider(now);
        var pool = PoolAt(time);
        var broken = await pool.AddAsync("broken", "pool-key-BROK");
        var busy = await pool.AddAsync("busy", "pool-key-BUSY");
        var fewErrors = await pool.AddAsync("few errors", "pool-key-FEWE");
        await LogManyAsync(broken.Id, "error", 6, now.AddHours(-1));
        await LogManyAsync(broken.Id, "rate_limited", 4, now.AddHours(-1));
        await LogManyAsync(busy.Id, "ok", 40, now.AddHours(-2));
        await LogManyAsync(busy.Id, "error", 6, now.AddHours(-2));
        await LogManyAsync(fewErrors.Id, "error", 4, now.AddHours(-1));
        await LogManyAsync(broken.Id, "ok", 30, now.AddDays(-1)); // yesterday it worked

        var raised = await new KeyPoolAlerts(pool, new PoolKeyOutcomesQuery(Host.Services.GetRequiredService<NpgsqlDataSource>()), time).ListAsync();
        var failing = raised.Where(a => a.Kind == KeyPoolAlertKind.Failing).ToList();
        Assert.That(failing.Select(a => a.Label), Is.EqualTo(new[] { "broken" }));
        Assert.That((failing[0].ErrorsToday, failing[0].RequestsToday), Is.EqualTo((6L, 6L)), "429 refusals are the resting alert's, not errors");
        Assert.That(failing[0].Message, Does.Contain("failed 6 times today and answered 0").And.Contain("replace or remove it").And.Not.Contain("pool-key-"));
    }

    [Test]
    public void An_empty_pool_raises_an_alert_that_says_to_add_a_key()
    {
        var alerts = KeyPoolAlerts.For([], DateTimeOffset.UtcNow, new Dictionary<Guid, PoolKeyOutcomes>());
        Assert.That(alerts.Select(a => a.Kind), Is.EqualTo(new[] { KeyPoolAlertKind.EmptyPool }));
        Assert.That(alerts[0].Message, Does.Contain("Add a key to the pool"));
    }

    private AiKeyPool PoolAt(DateTimeOffset now) => PoolAt(new FakeTimeProvider(now));

    /// <summary>A pool of its own (with its own memory of the keys) on the host's database, telling the time by <paramref name="time"/>.</summary>
    private AiKeyPool PoolAt(TimeProvider time) => new(
        Host.Services.GetRequiredService<NpgsqlDataSource>(), Host.Services.GetRequiredService<SharedRoundTrips>(),
        Host.Services.GetRequiredService<SecretProtector>(),
        Host.Services.GetRequiredService<AiClientCache>(), time);

    private Task LogAsync(Guid keyId, string outcome, string at) => Db.ExecuteAsync(Host.ConnectionString,
        $"INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at) VALUES ('{keyId}', 'pool', '{Guid.NewGuid()}', '{outcome}', '{at}')");

    private Task LogManyAsync(Guid keyId, string outcome, int count, DateTimeOffset at) => Db.ExecuteAsync(Host.ConnectionString,
        $"""
        INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at)
        SELECT '{keyId}', 'pool', gen_random_uuid(), '{outcome}', '{at:O}' FROM generate_series(1, {count})
        """);

    private static async Task<JsonElement> KeyAsync(ApiConsultant admin, Guid id) =>
        (await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/ai-keys")).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);

    private static async Task<Dictionary<string, string[]>> ErrorsOfAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
