using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary><c>/api/whatsapp/followups</c>: the rules with errors naming the rule and field, the queue, cancel, the next one, preview.</summary>
public sealed class FollowUpApiTests : PipelineFixture
{
    /// <summary>
    /// Quiet hours off: the contacts' times here are the real clock's and their zones their numbers', so a nudge 23 h
    /// from now could otherwise fall in quiet hours (and be skipped) at some hours of the day. FollowUpQuietHoursTests
    /// test them with a clock of their own.
    /// </summary>
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["FollowUps:QuietHoursStart"] = "00:00",
        ["FollowUps:QuietHoursEnd"] = "00:00",
    };

    [Test]
    public async Task Rules_are_read_as_defaults_and_saved_and_bad_ones_are_refused_naming_the_rule_and_field()
    {
        using var tenant = await NewTenantAsync();
        var http = tenant.Consultant.Http;
        var defaults = await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/followups/rules");
        var lead24 = defaults.GetProperty("rules")[0];
        Assert.Multiple(() =>
        {
            Assert.That(lead24.GetProperty("key").GetString(), Is.EqualTo("lead_24h"));
            Assert.That(lead24.GetProperty("delayMinutes").GetInt32(), Is.EqualTo(23 * 60), "23 h: still inside the 24-hour window");
            Assert.That(lead24.GetProperty("enabled").GetBoolean(), Is.False);
        });

        var bad = await http.PutAsJsonAsync("/api/whatsapp/followups/rules", new
        {
            rules = new object[]
            {
                new { key = "lead_24h", enabled = true, delayMinutes = 5, texts = new Dictionary<string, string> { ["it"] = "Ciao {nome}!" } },
                new { key = "client_7d", enabled = true, delayMinutes = 10080, texts = new Dictionary<string, string> { ["en"] = "See you {date}" },
                      template = new { contentSid = "nope", variables = new Dictionary<string, string>() } },
            },
        });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name).Order(), Is.EqualTo(new[]
        {
            "client_7d.template.contentSid", "client_7d.texts.en", "lead_24h.delayMinutes", "lead_24h.texts.it",
        }));
        Assert.That(errors.GetProperty("lead_24h.texts.it")[0].GetString(), Does.Contain("{nome}"));

        var good = await http.PutAsJsonAsync("/api/whatsapp/followups/rules", new
        {
            rules = new object[]
            {
                new { key = "before_1h", enabled = true, delayMinutes = 90, texts = new Dictionary<string, string> { ["en"] = "At {time}: {link}" },
                      template = new { contentSid = FollowUpClock.TemplateSid, variables = new Dictionary<string, string> { ["1"] = "{time}" } } },
            },
        });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK), await good.Content.ReadAsStringAsync());
        var saved = (await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/followups/rules")).GetProperty("rules")[5];
        Assert.That(saved.GetProperty("delayMinutes").GetInt32(), Is.EqualTo(90));
        Assert.That(saved.GetProperty("template").GetProperty("contentSid").GetString(), Is.EqualTo(FollowUpClock.TemplateSid));
    }

    [Test]
    public async Task The_queue_lists_by_status_the_next_one_shows_and_cancel_is_the_consultants_own()
    {
        await AddPoolKeyAsync("pool-key-followup-api");
        using var tenant = await NewTenantAsync();
        using var other = await NewTenantAsync();
        await Host.Services.GetRequiredService<FollowUpService>().SaveRulesAsync(tenant.Consultant.Id, [FollowUpClock.On(FollowUpRuleKeys.Lead24h)]);
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "Ciao, quanto costa un programma di allenamento?");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var http = tenant.Consultant.Http;
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);

        var page = await Poll.UntilAsync(() => http.GetFromJsonAsync<JsonElement>("/api/whatsapp/followups?status=upcoming"),
            p => p.GetProperty("total").GetInt32() == 1, TimeSpan.FromSeconds(30), "the nudge queued");
        var item = page.GetProperty("items")[0];
        Assert.That(item.GetProperty("rule").GetString(), Is.EqualTo("lead_24h"));
        var id = item.GetProperty("id").GetGuid();
        var next = await http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/followups/next?conversationId={conversationId}");
        Assert.That(next.GetProperty("id").GetGuid(), Is.EqualTo(id));
        var preview = await http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/followups/preview?conversationId={conversationId}&rule=lead_24h");
        Assert.That(preview.GetProperty("text").GetString(), Does.StartWith("Ciao"));
        Assert.That((await http.GetAsync("/api/whatsapp/followups?status=later")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        Assert.That((await other.Consultant.Http.DeleteAsync($"/api/whatsapp/followups/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var cancelled = await http.DeleteAsync($"/api/whatsapp/followups/{id}");
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        Assert.That((await http.DeleteAsync($"/api/whatsapp/followups/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await http.GetAsync($"/api/whatsapp/followups/next?conversationId={conversationId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
