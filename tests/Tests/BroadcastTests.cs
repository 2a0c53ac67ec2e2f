using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Outbound.Marketing;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Broadcasts through the API: who is excluded and why, exactly one message per contact with their name and the
/// opt-out hint in the text's language, pause/resume/cancel, a discarded draft, the quality guard, and another consultant's broadcast.
/// </summary>
public sealed class BroadcastTests : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Broadcast:MessagesPerSecond"] = "20",
        ["Broadcast:QualityWindow"] = "4",
        ["Broadcast:QualityMinimumSends"] = "4",
    };

    [Test]
    public async Task A_free_text_broadcast_goes_once_to_each_contact_in_the_window_and_skips_stop_131050_outside_window_and_simulator()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var italian = "+39347" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = NewContactPhone();
        await AddClientAsync(tenant, "Anna Bianchi", client, "Run a 10k");
        var stopped = NewContactPhone();
        var noMarketing = NewContactPhone();
        foreach (var contact in new[] { italian, client, stopped, noMarketing })
        {
            await SendAsync(tenant, contact, "hello");
        }

        await SendAsync(tenant, stopped, "STOP");
        await WaitForRepliesAsync(stopped, 1); // the opt-out's confirmation
        await WaitUntilSettledAsync(tenant, stopped); // its list row says so: the audience reads it
        await ListedAsync(tenant, [italian, client, noMarketing]);
        await Host.Services.GetRequiredService<MarketingConsent>()
            .MarkStoppedAsync(tenant.Consultant.Id, noMarketing, MarketingErrorCodes.StoppedMarketing, null, DateTimeOffset.UtcNow);
        var silent = NewContactPhone();
        var data = new LeadFunnelData(Host, tenant.Consultant.Id);
        await data.NewLeadAsync(silent, DateTimeOffset.UtcNow.AddDays(-3));
        await data.AddConversationAsync("sim:" + NewContactPhone());

        var id = await CreateAsync(tenant, new { name = "Open day", audience = new { group = "all" }, messageText = "Hi {name}, open day on Saturday!" });
        var preview = await GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/preview");
        Assert.That(preview.GetProperty("recipientCount").GetInt32(), Is.EqualTo(2), preview.ToString());
        var reasons = preview.GetProperty("excludedByReason");
        Assert.Multiple(() =>
        {
            Assert.That(reasons.GetProperty("opted_out").GetInt32(), Is.EqualTo(1));
            Assert.That(reasons.GetProperty("stopped_marketing").GetInt32(), Is.EqualTo(1));
            Assert.That(reasons.GetProperty("outside_window").GetInt32(), Is.EqualTo(1));
            Assert.That(reasons.GetProperty("simulator").GetInt32(), Is.EqualTo(1));
            Assert.That(preview.GetProperty("estimatedSeconds").GetDouble(), Is.EqualTo(0.1));
        });

        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        var report = await WaitForStatusAsync(tenant, id, "completed");

        // An English text (too short to read: the consultant's language, English) ends in English for the Italian contact too.
        Assert.That(BroadcastsTo(italian).Single().Body, Does.StartWith("Hi").And.EndWith("open day on Saturday!\n\nReply STOP to stop receiving these messages."));
        Assert.That(BroadcastsTo(client).Single().Body, Does.StartWith("Hi Anna, open day").And.EndWith("Reply STOP to stop receiving these messages."));
        Assert.That(BroadcastsTo(stopped).Concat(BroadcastsTo(noMarketing)).Concat(BroadcastsTo(silent)), Is.Empty);
        var counts = report.GetProperty("counts");
        Assert.Multiple(() =>
        {
            Assert.That(counts.GetProperty("total").GetInt32(), Is.EqualTo(6));
            Assert.That(counts.GetProperty("sent").GetInt32(), Is.EqualTo(2));
            Assert.That(counts.GetProperty("skipped").GetInt32(), Is.EqualTo(4));
        });
        var skipped = await GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients?status=skipped");
        Assert.That(skipped.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("reason").GetString()),
            Has.Some.Contains("wrote STOP").And.Some.Contains("131050").And.Some.Contains("24-hour window"));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @c AND origin = 'broadcast'", ("c", tenant.Consultant.Id)),
            Is.EqualTo(2), "in the ledger as broadcasts");
        var csv = await tenant.Consultant.Http.GetStringAsync($"/api/whatsapp/broadcasts/{id}/recipients.csv");
        Assert.That(csv.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(7), "a header and six recipients");
    }

    [Test]
    public async Task Pause_stops_sending_resume_goes_on_where_it_stopped_and_cancel_sends_nothing_more()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contacts = Enumerable.Range(0, 20).Select(_ => NewContactPhone()).ToList();
        foreach (var contact in contacts)
        {
            await SendAsync(tenant, contact, "hello");
        }

        await ListedAsync(tenant, contacts); // the audience is the conversation list
        var id = await CreateAsync(tenant, new { name = "Holiday", audience = new { group = "leads" }, messageText = "Closed on Monday." });
        var held = Twilio.HoldNextSendResponse();
        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await Poll.UntilAsync(() => Task.FromResult(contacts.Sum(c => BroadcastsTo(c).Count)), n => n >= 1, TimeSpan.FromSeconds(30), "the first send");
        var paused = await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/pause", HttpStatusCode.OK);
        Assert.That(paused.GetProperty("status").GetString(), Is.EqualTo("paused"));
        held.SetResult();
        var sentBeforePause = await SettledSendsAsync(id);
        Assert.That(await RecipientCountAsync(id, "queued"), Is.EqualTo(contacts.Count - sentBeforePause).And.GreaterThan(0), "the rest wait");
        Assert.That(contacts.Sum(c => BroadcastsTo(c).Count), Is.EqualTo(sentBeforePause), "the sends under way finished and were recorded; no more");
        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.Conflict);

        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/resume", HttpStatusCode.OK);
        await WaitForStatusAsync(tenant, id, "completed");
        Assert.That(contacts.Select(c => BroadcastsTo(c).Count), Is.All.EqualTo(1), "each exactly once");
        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/cancel", HttpStatusCode.Conflict);

        var second = await CreateAsync(tenant, new { name = "Webinar", audience = new { group = "all" }, messageText = "Webinar on Friday." });
        var heldAgain = Twilio.HoldNextSendResponse();
        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{second}/start", HttpStatusCode.OK);
        await Poll.UntilAsync(() => Task.FromResult(contacts.Sum(c => BroadcastsTo(c, "Webinar").Count)), n => n >= 1, TimeSpan.FromSeconds(30), "the first send");
        var cancelled = await PostAsync(tenant, $"/api/whatsapp/broadcasts/{second}/cancel", HttpStatusCode.OK);
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        heldAgain.SetResult();
        var sentBeforeCancel = await SettledSendsAsync(second);
        Assert.That(await RecipientCountAsync(second, "queued"), Is.EqualTo(contacts.Count - sentBeforeCancel).And.GreaterThan(0));
        Assert.That(contacts.Sum(c => BroadcastsTo(c, "Webinar").Count), Is.EqualTo(sentBeforeCancel), "nothing more after cancel");
    }

    [Test]
    public async Task The_quality_guard_pauses_a_broadcast_whose_sends_keep_failing_and_says_why()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        // Thirty contacts, every send refused: sends overlap (several in flight), so how many went before the guard saw
        // the failures depends on the machine; that it pauses, says why and keeps the rest queued does not.
        var contacts = Enumerable.Range(0, 30).Select(_ => NewContactPhone()).ToList();
        foreach (var contact in contacts)
        {
            await SendAsync(tenant, contact, "hello");
        }

        await ListedAsync(tenant, contacts); // the audience is the conversation list
        var id = await CreateAsync(tenant, new { name = "Promo", audience = new { group = "all" }, messageText = "Promo this week." });
        Twilio.FailNextSends(contacts.Count, 400, 21211, "The 'To' number is not a valid phone number.");
        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);

        var report = await WaitForStatusAsync(tenant, id, "paused");
        Twilio.ClearSendFailures(); // those the paused broadcast did not use
        Assert.That(report.GetProperty("broadcast").GetProperty("statusReason").GetString(), Does.Contain("quality guard").And.Contain("of the last 4"));
        Assert.That(await RecipientCountAsync(id, "failed"), Is.GreaterThanOrEqualTo(4));
        Assert.That(await RecipientCountAsync(id, "queued"), Is.GreaterThan(0), "the rest wait for the consultant");
        var failed = await GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients?status=failed");
        Assert.That(failed.GetProperty("recipients")[0].GetProperty("reason").GetString(), Does.Contain("not a valid phone number"));
    }

    [Test]
    public async Task A_discarded_draft_is_gone_and_a_cancelled_broadcast_cannot_be_discarded()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var draft = await CreateAsync(tenant, new { name = "Second thoughts", audience = new { group = "all" }, messageText = "Hello." });
        var cancelled = await CreateAsync(tenant, new { name = "Kept on record", audience = new { group = "all" }, messageText = "Hello." });
        await PostAsync(tenant, $"/api/whatsapp/broadcasts/{cancelled}/cancel", HttpStatusCode.OK);

        var discarded = await tenant.Consultant.Http.DeleteAsync($"/api/whatsapp/broadcasts/{draft}");
        Assert.That(discarded.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await discarded.Content.ReadAsStringAsync());
        var refused = await tenant.Consultant.Http.DeleteAsync($"/api/whatsapp/broadcasts/{cancelled}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("status"));

        var listed = (await GetJsonAsync(tenant, "/api/whatsapp/broadcasts")).EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).ToList();
        Assert.That(listed, Is.EqualTo(new[] { cancelled }), "the draft is gone, the cancelled one stays");
        Assert.That((await tenant.Consultant.Http.GetAsync($"/api/whatsapp/broadcasts/{draft}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await tenant.Consultant.Http.DeleteAsync($"/api/whatsapp/broadcasts/{draft}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Another_consultants_broadcast_is_not_found_and_bad_input_names_the_field()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        using var other = await NewTenantAsync(autoResponse: false);
        var id = await CreateAsync(tenant, new { name = "Mine", audience = new { group = "clients" }, messageText = "Hello clients." });

        foreach (var path in new[] { "", "/preview", "/recipients", "/recipients.csv" })
        {
            var response = await other.Consultant.Http.GetAsync($"/api/whatsapp/broadcasts/{id}{path}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }

        foreach (var action in new[] { "start", "pause", "resume", "cancel" })
        {
            var response = await other.Consultant.Http.PostAsync($"/api/whatsapp/broadcasts/{id}/{action}", null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), action);
        }

        Assert.That((await other.Consultant.Http.DeleteAsync($"/api/whatsapp/broadcasts/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "discard");
        Assert.That((await GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}")).GetProperty("broadcast").GetProperty("status").GetString(), Is.EqualTo("draft"));

        Assert.That(await other.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/broadcasts"), Is.Not.Null);
        Assert.That((await other.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/broadcasts")).GetArrayLength(), Is.Zero);

        await AssertInvalidAsync(tenant, new { name = "Both", audience = new { group = "all" }, messageText = "x", template = new { templateId = Guid.NewGuid() } }, "template");
        await AssertInvalidAsync(tenant, new { name = "Neither", audience = new { group = "all" } }, "messageText");
        await AssertInvalidAsync(tenant, new { name = "Group", audience = new { group = "friends" }, messageText = "x" }, "audience.group");
        await AssertInvalidAsync(tenant, new { name = "Past", audience = new { group = "all" }, messageText = "x", scheduledAt = DateTimeOffset.UtcNow.AddHours(-1) }, "scheduledAt");
        var shorthand = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcast", new { targetGroup = "everyone", messageText = "x" });
        Assert.That(shorthand.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await shorthand.Content.ReadAsStringAsync(), Does.Contain("targetGroup"));
    }

    private async Task AssertInvalidAsync(WhatsAppTenant tenant, object body, string field)
    {
        var response = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), Is.True, errors.ToString());
    }

    private IReadOnlyList<FakeTwilioMessage> BroadcastsTo(string phone, string? containing = null) =>
        SentTo(phone).Where(m => !m.Body.Contains("You have been unsubscribed", StringComparison.Ordinal) && m.Body.Contains("STOP", StringComparison.Ordinal)
            && (containing is null || m.Body.Contains(containing, StringComparison.Ordinal))).ToList();

    /// <summary>Waits until no send is under way (the held one recorded), then how many were sent.</summary>
    private async Task<long> SettledSendsAsync(Guid id)
    {
        await Poll.UntilAsync(() => RecipientCountAsync(id, "sending"), n => n == 0, TimeSpan.FromSeconds(30), "the sends under way recorded");
        return await RecipientCountAsync(id, "sent");
    }

    private Task<long> RecipientCountAsync(Guid id, string status) =>
        CountAsync("SELECT count(*) FROM whatsapp_broadcast_recipients WHERE broadcast_id = @id AND status = @s", ("id", id), ("s", status));

    internal static async Task<Guid> CreateAsync(WhatsAppTenant tenant, object body)
    {
        var response = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcasts", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static async Task<JsonElement> PostAsync(WhatsAppTenant tenant, string path, HttpStatusCode expected)
    {
        var response = await tenant.Consultant.Http.PostAsync(path, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone();
    }

    internal static Task<JsonElement> GetJsonAsync(WhatsAppTenant tenant, string path) =>
        tenant.Consultant.Http.GetFromJsonAsync<JsonElement>(path);

    internal static Task<JsonElement> WaitForStatusAsync(WhatsAppTenant tenant, Guid id, string status) =>
        Poll.UntilAsync(() => GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}"),
            report => report.GetProperty("broadcast").GetProperty("status").GetString() == status, TimeSpan.FromSeconds(60), $"the broadcast {status}");
}
