using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// Who a broadcast reaches and what they get: a template (Content SID and variables in Twilio's wire format, {name} per
/// contact, a client who never wrote included, a nameless contact excluded when a variable is only the name), tags
/// (any of them), the roadmap's shorthand, and the live report: counts through the hub, replies counted.
/// </summary>
public sealed class BroadcastReachTests : PipelineFixture
{
    private const string ContentSid = "HX0123456789abcdef0123456789abcdef";

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string> { ["Broadcast:MessagesPerSecond"] = "20" };

    [Test]
    public async Task A_template_broadcast_sends_the_content_sid_with_variables_filled_per_contact_and_excludes_a_nameless_contact_when_a_variable_is_only_the_name()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var client = NewContactPhone();
        await AddClientAsync(tenant, "Anna Bianchi", client, "Run a 10k"); // never wrote: reachable by a template only
        var data = new LeadFunnelData(Host, tenant.Consultant.Id);
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hello"); // WhatsApp's profile name: "Contact"
        await ListedAsync(tenant, [lead]); // the audience is the conversation list
        var nameless = NewContactPhone();
        await data.NewLeadAsync(nameless, DateTimeOffset.UtcNow.AddDays(-2)); // no name known (a polling install's lead, say)
        var template = await AddTemplateAsync(tenant, "Ciao {{1}}, {{2}} sabato!");

        var id = await BroadcastTests.CreateAsync(tenant, new
        {
            name = "Open day", audience = new { group = "all" },
            template = new { templateId = template, variables = new Dictionary<string, string> { ["1"] = "{name}", ["2"] = "open day" } },
        });
        var preview = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/preview");
        Assert.That(preview.GetProperty("recipientCount").GetInt32(), Is.EqualTo(2), preview.ToString());
        var excluded = preview.GetProperty("excluded").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(excluded.GetProperty("contactPhone").GetString(), Is.EqualTo(nameless));
            Assert.That(excluded.GetProperty("reason").GetString(), Is.EqualTo("no_name"));
            Assert.That(excluded.GetProperty("reasonText").GetString(), Does.Contain("WhatsApp refuses an empty variable"));
        });

        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");

        var toClient = SentTo(client).Single();
        var toLead = SentTo(lead).Single(m => m.ContentSid is not null);
        Assert.Multiple(() =>
        {
            Assert.That(toClient.ContentSid, Is.EqualTo(ContentSid));
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, string>>(toClient.ContentVariables!),
                Is.EqualTo(new Dictionary<string, string> { ["1"] = "Anna", ["2"] = "open day" }));
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, string>>(toLead.ContentVariables!)!["1"], Is.EqualTo("Contact"));
            Assert.That(SentTo(nameless), Is.Empty, "never a template with an empty variable");
        });
        var skipped = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients?status=skipped");
        Assert.That(skipped.GetProperty("recipients")[0].GetProperty("reason").GetString(), Does.StartWith("No name known"));
    }

    [Test]
    public void A_variable_with_more_than_the_name_never_needs_it_and_a_number_is_no_name()
    {
        var template = new Broadcast { TemplateVariables = """{"1": "{name}"}""" };
        Assert.Multiple(() =>
        {
            Assert.That(BroadcastMessages.NeedsName(template), Is.True);
            Assert.That(BroadcastMessages.NeedsName(template with { TemplateVariables = """{"1": "cara {name}"}""" }), Is.False);
            Assert.That(BroadcastMessages.NeedsName(new Broadcast { MessageText = "Hi {name}" }), Is.False, "free text: the name and its space go");
            Assert.That(BroadcastMessages.FirstName("+39 347 123 4567"), Is.Null);
            Assert.That(BroadcastMessages.FirstName("  Anna Maria Rossi "), Is.EqualTo("Anna"));
        });
    }

    [Test]
    public async Task Tags_reach_the_contacts_with_any_of_them_and_no_one_else()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (vip, webinar, both, untagged) = (NewContactPhone(), NewContactPhone(), NewContactPhone(), NewContactPhone());
        foreach (var (contact, tags) in new[] { (vip, new[] { "vip" }), (webinar, ["webinar"]), (both, ["vip", "webinar"]), (untagged, []) })
        {
            await SendAsync(tenant, contact, "hello");
            await ListedAsync(tenant, [contact]);
            var saved = await tenant.Consultant.Http.PatchAsJsonAsync(
                $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, contact)}/metadata", new { tags, notes = "" });
            saved.EnsureSuccessStatusCode();
        }

        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Tagged", audience = new { group = "all", tags = new[] { "vip", "webinar" } }, messageText = "Tagged news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");

        Assert.That(new[] { vip, webinar, both }.Select(c => SentTo(c).Count(m => m.Body.StartsWith("Tagged news.", StringComparison.Ordinal))), Is.All.EqualTo(1));
        Assert.That(SentTo(untagged).Where(m => m.Body.StartsWith("Tagged news.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task The_roadmap_shorthand_creates_and_starts_at_once_with_the_same_rules()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hello");
        await ListedAsync(tenant, [lead]); // the audience is the conversation list
        var client = NewContactPhone();
        await AddClientAsync(tenant, "Carla Verdi", client, "Save more");

        var response = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcast", new { targetGroup = "leads", messageText = "Hi {name}, we are closed on Monday." });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(created.GetProperty("status").GetString(), Is.AnyOf("running", "completed"), "started at once");
        Assert.That(response.Headers.Location!.ToString(), Does.EndWith(created.GetProperty("id").GetString()!));
        await BroadcastTests.WaitForStatusAsync(tenant, created.GetProperty("id").GetGuid(), "completed");

        Assert.That(SentTo(lead).Count(m => m.Body.StartsWith("Hi Contact, we are closed on Monday.", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(SentTo(client), Is.Empty, "leads only");
        var empty = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/broadcast", new { targetGroup = "all", messageText = "" });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("messageText"));
    }

    [Test]
    public async Task The_counts_reach_a_hub_client_live_and_a_reply_is_counted_and_answered_as_usual()
    {
        using var tenant = await NewTenantAsync();
        await using var hub = await HubListener.ConnectAsync(Host, tenant.Consultant);
        var (replying, silent) = (NewContactPhone(), NewContactPhone());
        foreach (var contact in new[] { replying, silent })
        {
            await AddClientAsync(tenant, "Client " + contact[^4..], contact, "Get fit"); // answered with the consultant's AI key
            await SendAsync(tenant, contact, "hello");
            await WaitForRepliesAsync(contact, 1);
        }

        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Webinar", audience = new { group = "all" }, messageText = "Webinar on Friday." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await hub.WaitForAsync(DashboardEventNames.BroadcastUpdated, e => IsBroadcast(e, id) && e.GetProperty("status").GetString() == "completed"
            && e.GetProperty("sent").GetInt32() == 2 && e.GetProperty("total").GetInt32() == 2 && e.GetProperty("queued").GetInt32() == 0);

        await SendAsync(tenant, replying, "Count me in!");
        await hub.WaitForAsync(DashboardEventNames.BroadcastUpdated, e => IsBroadcast(e, id) && e.GetProperty("replied").GetInt32() == 1);
        await WaitForRepliesAsync(replying, 3); // the AI answers the reply as any message
        await SendAsync(tenant, replying, "And my wife too");
        await WaitForRepliesAsync(replying, 4);

        var report = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}");
        Assert.That(report.GetProperty("counts").GetProperty("replied").GetInt32(), Is.EqualTo(1), "the first message only");
        var sent = (await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients")).GetProperty("recipients").EnumerateArray().ToList();
        Assert.That(sent.Single(r => r.GetProperty("contactPhone").GetString() == replying).GetProperty("repliedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(sent.Single(r => r.GetProperty("contactPhone").GetString() == silent).GetProperty("repliedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    private static bool IsBroadcast(JsonElement progress, Guid id) => progress.GetProperty("broadcastId").GetGuid() == id;

    private static async Task<Guid> AddTemplateAsync(WhatsAppTenant tenant, string body)
    {
        var response = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/templates", new { name = "Open day " + Guid.NewGuid().ToString("N")[..6], contentSid = ContentSid, body });
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
