using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Consultant.Tests;

/// <summary>The global key pool for leads: admin endpoints, least-recently-used rotation, cool-down on 429, leads answered once a key is added.</summary>
public sealed class KeyPoolTests : PipelineFixture
{
    [Test]
    public async Task Leads_rotate_through_the_pool_and_a_rate_limited_key_cools_down()
    {
        using var tenant = await NewTenantAsync();
        using var admin = await Host.RegisterAdministratorAsync();

        // Empty pool: the lead's message is stored and flagged, no AI call.
        var firstLead = NewContactPhone();
        await SendAsync(tenant, firstLead, "hello from an empty pool");
        var flagged = await WaitUntilSettledAsync(tenant, firstLead, s => s.NeedsReply);
        Assert.That(flagged.NeedsReplyReason, Does.Contain("key pool is empty"));
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("empty pool")), Is.False);

        // Only admins manage the pool, and keys never come back.
        Assert.That((await tenant.Consultant.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "x", apiKey = "k" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var added = await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "first", apiKey = "pool-key-AAAA" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        // The lead who found the pool empty is answered as soon as a key is added; the flag goes.
        await WaitForRepliesAsync(firstLead, 1);
        Assert.That(Ai.Requests.Single(r => r.AllText.Contains("empty pool")).ApiKey, Is.EqualTo("pool-key-AAAA"));
        Assert.That((await WaitUntilSettledAsync(tenant, firstLead, s => !s.NeedsReply)).NeedsReply, Is.False); // the retried answer lands after its row is written

        await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "second", apiKey = "pool-key-BBBB" });
        var listed = await admin.Http.GetStringAsync("/api/admin/ai-keys");
        Assert.That(listed, Does.Not.Contain("pool-key-AAAA").And.Contain("…AAAA"));

        // The least recently used key (the second, unused) answers 429: it cools down and the first key answers.
        Ai.FailWith(429, "quota");
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "rotation please");
        await WaitForRepliesAsync(lead, 1);
        var attempts = Ai.Requests.Where(r => r.AllText.Contains("rotation please")).Select(r => r.ApiKey).ToList();
        Assert.That(attempts, Is.EqualTo(new[] { "pool-key-BBBB", "pool-key-AAAA" }));

        var keys = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/ai-keys");
        var first = keys.EnumerateArray().Single(k => k.GetProperty("label").GetString() == "first");
        var second = keys.EnumerateArray().Single(k => k.GetProperty("label").GetString() == "second");
        Assert.That(second.GetProperty("cooldownUntil").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(first.GetProperty("usageCount").GetInt64(), Is.EqualTo(2));
        Assert.That(await CountAsync("SELECT count(*) FROM ai_key_rotation_log WHERE outcome = 'rate_limited'"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM ai_key_rotation_log WHERE outcome = 'ok' AND key_source = 'pool'"), Is.EqualTo(2));

        // While the second key rests, the next lead is answered with the first.
        var nextLead = NewContactPhone();
        await SendAsync(tenant, nextLead, "second lead here");
        await WaitForRepliesAsync(nextLead, 1);
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("second lead here")).ApiKey, Is.EqualTo("pool-key-AAAA"));
    }
}
