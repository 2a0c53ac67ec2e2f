using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Ai;
using Consultant.Grains.Demo;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>The dashboard's REST endpoints: list, messages, manual replies, AI on/off, read, tags and notes, the simulator.</summary>
public sealed class ConversationsApiTests : PipelineFixture
{
    private const string Conversations = "/api/whatsapp/conversations";

    [Test]
    public async Task The_list_filters_searches_and_pages_the_consultants_own_conversations()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-list");
        var clientPhone = NewContactPhone();
        var leadPhone = NewContactPhone();
        await AddClientAsync(tenant, "Listed Lucia", clientPhone, "Strength");
        await SendAsync(tenant, clientPhone, "hello from a client");
        await SendAsync(tenant, leadPhone, "hello from a lead");
        await WaitForRepliesAsync(clientPhone, 1);
        await WaitForRepliesAsync(leadPhone, 1);
        await WaitUntilSettledAsync(tenant, clientPhone);
        await WaitUntilSettledAsync(tenant, leadPhone);

        // The list view is written just after the state: wait until both answers are in it.
        var all = await Poll.UntilAsync(() => ListAsync(tenant, ""),
            list => list.Count == 2 && list.All(c => c.LastMessagePreview?.StartsWith("Auto reply", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(60), "both answers in the list view");
        Assert.That(all.Select(c => c.ContactPhone), Is.EquivalentTo(new[] { clientPhone, leadPhone }));
        Assert.That((await ListAsync(tenant, "?filter=leads")).Single().ContactPhone, Is.EqualTo(leadPhone));
        var client = (await ListAsync(tenant, "?filter=clients")).Single();
        Assert.That((client.ContactPhone, client.DisplayName, client.IsLead, client.AiEnabled), Is.EqualTo((clientPhone, "Listed Lucia", false, true)));
        Assert.That(client.LastMessagePreview, Does.StartWith("Auto reply"));
        Assert.That(client.UnreadCount, Is.EqualTo(1));
        Assert.That((await ListAsync(tenant, "?search=lucia")).Single().ContactPhone, Is.EqualTo(clientPhone));
        Assert.That((await ListAsync(tenant, "?search=" + leadPhone[^7..])).Single().ContactPhone, Is.EqualTo(leadPhone));
        Assert.That(await ListAsync(tenant, "?page=2&pageSize=1"), Has.Count.EqualTo(1));
        Assert.That(await ListAsync(tenant, "?filter=unread"), Has.Count.EqualTo(2));

        var badFilter = await tenant.Consultant.Http.GetAsync(Conversations + "?filter=starred");
        Assert.That(badFilter.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badFilter.Content.ReadAsStringAsync(), Does.Contain("filter"));
    }

    [Test]
    public async Task Messages_come_newest_first_in_pages_with_their_sender()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Paged Pia", phone, "Run");
        await SendAsync(tenant, phone, "first question");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        var id = await ConversationIdAsync(tenant, phone);

        var page = await GetJsonAsync(tenant, $"{Conversations}/{id}/messages?limit=1");
        var newest = page.GetProperty("items")[0];
        Assert.That((newest.GetProperty("sender").GetString(), newest.GetProperty("direction").GetString()), Is.EqualTo(("ai", "outbound")));
        var before = page.GetProperty("nextBefore").GetGuid();
        var older = await GetJsonAsync(tenant, $"{Conversations}/{id}/messages?limit=1&before={before}");
        var first = older.GetProperty("items")[0];
        Assert.That((first.GetProperty("sender").GetString(), first.GetProperty("body").GetString()), Is.EqualTo(("client", "first question")));
    }

    [Test]
    public async Task A_manual_reply_goes_through_twilio_and_cancels_the_ai_reply_being_prepared()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Manual Mia", phone, "Mobility");
        var held = Ai.HoldNextReply();
        await SendAsync(tenant, phone, "can a human answer?");
        await Poll.UntilAsync(() => Task.FromResult(Ai.Requests.Count(r => r.AllText.Contains("can a human answer?"))), n => n == 1,
            TimeSpan.FromSeconds(60), "the AI to be asked");
        var id = await ConversationIdAsync(tenant, phone);

        var sent = await tenant.Consultant.Http.PostAsJsonAsync($"{Conversations}/{id}/send", new { messageText = "Yes, this is your coach." });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        held.SetResult("The AI's answer, too late");
        await WaitUntilSettledAsync(tenant, phone);

        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { "Yes, this is your coach." }));
        var stored = await GetJsonAsync(tenant, $"{Conversations}/{id}/messages");
        var newest = stored.GetProperty("items")[0];
        Assert.That((newest.GetProperty("sender").GetString(), newest.GetProperty("status").GetString()), Is.EqualTo(("consultant", "queued")));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND sender = 'ai'", ("p", phone)), Is.Zero);
    }

    [Test]
    public async Task A_manual_reply_during_the_debounce_answers_the_waiting_messages()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "waiting for the debounce");
        var id = await ConversationIdAsync(tenant, phone);
        var sent = await tenant.Consultant.Http.PostAsJsonAsync($"{Conversations}/{id}/send", new { messageText = "Answered by hand" });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { "Answered by hand" }));
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("waiting for the debounce")), Is.False);
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'inbound' AND handled_at IS NULL", ("p", phone)), Is.Zero);
    }

    [Test]
    public async Task An_empty_manual_reply_is_refused_and_nothing_is_sent()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "hi");
        var id = await ConversationIdAsync(tenant, phone);
        var response = await tenant.Consultant.Http.PostAsJsonAsync($"{Conversations}/{id}/send", new { messageText = "  " });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("messageText"));
    }

    [Test]
    public async Task With_the_ai_turned_off_the_next_message_waits_for_the_consultant()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Quiet Quinn", phone, "Rest");
        await SendAsync(tenant, phone, "first");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        var id = await ConversationIdAsync(tenant, phone);

        var toggled = await tenant.Consultant.Http.PatchAsJsonAsync($"{Conversations}/{id}/ai-toggle", new { aiEnabled = false });
        var view = JsonDocument.Parse(await toggled.Content.ReadAsStringAsync()).RootElement;
        Assert.That(view.GetProperty("aiEnabled").GetBoolean(), Is.False);
        Assert.That(view.GetProperty("aiOverriddenBy").GetString(), Is.EqualTo("Test Consultant"));
        Assert.That(view.GetProperty("aiOverriddenAt").ValueKind, Is.EqualTo(JsonValueKind.String));

        await SendAsync(tenant, phone, "second, for a human");
        var summary = await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);
        Assert.That(summary.NeedsReplyReason, Does.Contain("AI is off"));
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("second, for a human")), Is.False);
        var missing = await tenant.Consultant.Http.PatchAsJsonAsync($"{Conversations}/{id}/ai-toggle", new { });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Mark_read_clears_the_unread_count()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "one");
        await SendAsync(tenant, phone, "two");
        await WaitUntilSettledAsync(tenant, phone);
        var id = await ConversationIdAsync(tenant, phone);
        Assert.That((await SummaryAsync(tenant, phone)).UnreadByConsultant, Is.EqualTo(2));

        var read = await tenant.Consultant.Http.PatchAsync($"{Conversations}/{id}/mark-read", null);
        var view = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.That(view.GetProperty("unreadCount").GetInt32(), Is.Zero);
        Assert.That(view.GetProperty("lastReadByConsultant").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That((await ListAsync(tenant, "?filter=unread")).Any(c => c.ContactPhone == phone), Is.False);
    }

    [Test]
    public async Task Tags_and_notes_are_kept_and_validated()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "hi");
        var id = await ConversationIdAsync(tenant, phone);

        var saved = await tenant.Consultant.Http.PatchAsJsonAsync($"{Conversations}/{id}/metadata",
            new { tags = new[] { "vip", " hot lead ", "VIP", "" }, notes = "Prefers mornings" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var item = (await ListAsync(tenant, "")).Single(c => c.ContactPhone == phone);
        Assert.That(item.Tags, Is.EqualTo(new[] { "vip", "hot lead" }));
        Assert.That(item.Notes, Is.EqualTo("Prefers mornings"));

        var tooMany = await tenant.Consultant.Http.PatchAsJsonAsync($"{Conversations}/{id}/metadata",
            new { tags = Enumerable.Range(0, 21).Select(i => $"t{i}").ToArray() });
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooMany.Content.ReadAsStringAsync(), Does.Contain("tags"));
    }

    [Test]
    public async Task Another_consultants_conversation_is_not_found_by_any_endpoint()
    {
        using var owner = await NewTenantAsync(autoResponse: false);
        using var other = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        await SendAsync(owner, phone, "private");
        var id = await ConversationIdAsync(owner, phone);
        var http = other.Consultant.Http;

        Assert.That((await http.GetAsync($"{Conversations}/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.GetAsync($"{Conversations}/{id}/messages")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PostAsJsonAsync($"{Conversations}/{id}/send", new { messageText = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PatchAsJsonAsync($"{Conversations}/{id}/ai-toggle", new { aiEnabled = false })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PatchAsync($"{Conversations}/{id}/mark-read", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PatchAsJsonAsync($"{Conversations}/{id}/metadata", new { notes = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await ListAsync(other, ""), Is.Empty);
        Assert.That(SentTo(phone), Is.Empty);
        Assert.That((await SummaryAsync(owner, phone)).AiEnabled, Is.True);

        using var anonymous = Host.CreateClient();
        Assert.That((await anonymous.GetAsync(Conversations)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_simulator_takes_the_same_way_and_the_reply_comes_back_without_twilio()
    {
        // A consultant without any WhatsApp settings: the simulator is how a fresh install is tried.
        using var consultant = await Host.RegisterConsultantAsync();
        await AddPoolKeyAsync("pool-key-simulator");
        const string lead = "+12025550142";

        var posted = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = lead, text = "is this the coach?", profileName = "Sim Sam" });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await posted.Content.ReadAsStringAsync());
        var stored = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        Assert.That(stored.GetProperty("channel").GetString(), Is.EqualTo("simulator"));
        var id = stored.GetProperty("conversationId").GetGuid();

        var reply = await Poll.UntilAsync(() => GetJsonAsync(consultant.Http, $"{Conversations}/{id}/messages"),
            page => page.GetProperty("items")[0].GetProperty("status").GetString() == "delivered", TimeSpan.FromSeconds(60), "the simulator's reply");
        var newest = reply.GetProperty("items")[0];
        Assert.That((newest.GetProperty("sender").GetString(), newest.GetProperty("channel").GetString()), Is.EqualTo(("ai", "simulator")));
        Assert.That(Ai.Requests.Single(r => r.AllText.Contains("is this the coach?")).SystemPrompt, Does.Contain("Sim Sam"));
        Assert.That(SentTo(lead), Is.Empty);

        var invalid = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = "12", text = "" });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await invalid.Content.ReadAsStringAsync();
        Assert.That(problem, Does.Contain("phone").And.Contain("text"));
    }

    [Test]
    public async Task A_nul_in_a_client_name_or_in_simulator_text_is_dropped_instead_of_failing()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var clientPhone = NewContactPhone();
        var created = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Nu\0la Lima", phone = clientPhone, goals = "Run\0 5 km" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var client = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var stored = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{client.GetProperty("id").GetGuid()}");
        Assert.That((stored.GetProperty("name").GetString(), stored.GetProperty("goals").GetString()), Is.EqualTo(("Nula Lima", "Run 5 km")));

        var lead = NewContactPhone();
        var posted = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = lead, text = "hi\0 there", profileName = "Sim\0 Nul" });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await posted.Content.ReadAsStringAsync());
        Assert.That(JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("body").GetString(), Is.EqualTo("hi there"));
        var list = await Poll.UntilAsync(() => GetJsonAsync(consultant.Http, Conversations), page => page.GetProperty("total").GetInt32() == 1,
            TimeSpan.FromSeconds(30), "the simulated conversation");
        Assert.That(list.GetProperty("items")[0].GetProperty("displayName").GetString(), Is.EqualTo("Sim Nul"));
    }

    [Test]
    public async Task Simulating_a_client_is_a_conversation_of_its_own_that_never_reaches_the_real_client()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Simulated Sara", phone, "Climb a 6a route");

        var posted = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text = "testing the assistant as Sara" });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await posted.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("conversationId").GetGuid();
        await Poll.UntilAsync(() => GetJsonAsync(tenant, $"{Conversations}/{id}/messages"),
            page => page.GetProperty("items")[0].GetProperty("status").GetString() == "delivered", TimeSpan.FromSeconds(60), "the simulator's reply");

        var prompt = Ai.Requests.Single(r => r.AllText.Contains("testing the assistant as Sara"));
        Assert.That(prompt.SystemPrompt, Does.Contain("Climb a 6a route"), "recognised as the client, with her records");
        Assert.That(prompt.ApiKey, Is.EqualTo("consultant-own-key"));
        var simulated = (await ListAsync(tenant, "?filter=clients")).Single();
        Assert.That((simulated.ContactPhone, simulated.DisplayName), Is.EqualTo(("sim:" + phone, "Simulated Sara")));
        Assert.That(SentTo(phone), Is.Empty, "nothing through Twilio");
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p", ("p", phone)), Is.Zero, "the real conversation is untouched");

        // A manual reply in the simulated conversation goes back to the simulator too.
        var manual = await tenant.Consultant.Http.PostAsJsonAsync($"{Conversations}/{id}/send", new { messageText = "Hi Sara, coach here" });
        var result = JsonDocument.Parse(await manual.Content.ReadAsStringAsync()).RootElement;
        Assert.That(result.GetProperty("message").GetProperty("channel").GetString(), Is.EqualTo("simulator"));
        Assert.That(result.GetProperty("message").GetProperty("status").GetString(), Is.EqualTo("delivered"));
        Assert.That(SentTo(phone), Is.Empty);
    }

    [Test]
    public async Task The_demo_ai_key_joins_the_pool_once()
    {
        var seeder = Host.Services.GetRequiredService<DemoSeeder>();
        await seeder.SeedPoolKeyAsync("demo-gemini-key");
        await seeder.SeedPoolKeyAsync("demo-gemini-key");
        await seeder.SeedPoolKeyAsync(null);

        var keys = await Host.Services.GetRequiredService<AiKeyPool>().ListAsync();
        Assert.That(keys.Count(k => k.Label.StartsWith("demo", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    private async Task<Guid> ConversationIdAsync(WhatsAppTenant tenant, string phone) =>
        (await Poll.UntilAsync(() => ListAsync(tenant, ""), list => list.Any(c => c.ContactPhone == phone), TimeSpan.FromSeconds(60), "the conversation to be listed"))
        .Single(c => c.ContactPhone == phone).Id;

    private static async Task<IReadOnlyList<ConversationItem>> ListAsync(WhatsAppTenant tenant, string query)
    {
        var response = await tenant.Consultant.Http.GetAsync(Conversations + query);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ListPage>())!.Items;
    }

    private static Task<JsonElement> GetJsonAsync(WhatsAppTenant tenant, string url) => GetJsonAsync(tenant.Consultant.Http, url);

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private sealed record ListPage(IReadOnlyList<ConversationItem> Items, int Total);

    private sealed record ConversationItem(
        Guid Id, string ContactPhone, string? DisplayName, bool IsLead, bool AiEnabled, int UnreadCount, string? LastMessagePreview,
        IReadOnlyList<string> Tags, string? Notes);
}
