using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// What bounds the pipeline's cost and memory: the pool quota for consultants without connected WhatsApp, the AI's
/// output limit, the number of reply parts, the longest wait for a batch, and the size of the webhooks' forms.
/// </summary>
public sealed class PipelineLimitsTests : PipelineFixture
{
    private const int PoolQuota = 2;
    private const int MaxOutputTokens = 333;
    private const double MaxBatchWaitSeconds = 3;

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Ai:PoolQuotaPerConsultantPerDay"] = PoolQuota.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ai:MaxOutputTokens"] = MaxOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["WhatsApp:MaxBatchWaitSeconds"] = MaxBatchWaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [OneTimeSetUp]
    public Task AddPoolKeyAsync() => AddPoolKeyAsync("pool-key-limits");

    [Test]
    public async Task Without_connected_whatsapp_the_simulator_spends_at_most_the_daily_pool_quota_then_says_what_to_do()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var leads = Enumerable.Range(0, PoolQuota + 1).Select(_ => NewContactPhone()).ToList();
        foreach (var (lead, index) in leads.Select((lead, index) => (lead, index)))
        {
            await SimulateAsync(consultant, lead, $"quota probe {index}");
            await Poll.UntilAsync(() => SimulatedSummaryAsync(consultant, lead), s => s.Settled, TimeSpan.FromSeconds(30), "the simulated batch");
        }

        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("quota probe")), Is.EqualTo(PoolQuota), "the pool answered up to the quota");
        var refused = await SimulatedSummaryAsync(consultant, leads[^1]);
        Assert.That(refused.NeedsReply, Is.True);
        Assert.That(refused.NeedsReplyReason, Does.Contain($"at most {PoolQuota} messages a day")
            .And.Contain("connect WhatsApp").And.Contain("your own AI API key"));
        Assert.That(await CountAsync("SELECT calls FROM ai_pool_usage WHERE consultant_id = @id", ("id", consultant.Id)), Is.EqualTo(PoolQuota));

        // Settings Twilio does not accept (the connection test fails) are not "connected"; the consultant's own key
        // answers past the quota.
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = "AC" + Guid.NewGuid().ToString("N"), authToken = "not-a-twilio-token", whatsappNumber = "+1415" + Random.Shared.Next(1000000, 9999999),
            isActive = true, autoResponseEnabled = true, aiApiKey = "own-key-past-quota", mode = "webhook",
        });
        saved.EnsureSuccessStatusCode();
        var test = await (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).Content.ReadFromJsonAsync<TestBody>();
        Assert.That(test!.Success, Is.False);
        var next = NewContactPhone();
        await SimulateAsync(consultant, next, "quota probe with own key");
        await Poll.UntilAsync(() => SimulatedSummaryAsync(consultant, next), s => s.Settled, TimeSpan.FromSeconds(30), "the own-key batch");
        Assert.That(Ai.Requests.Single(r => r.AllText.Contains("quota probe with own key")).ApiKey, Is.EqualTo("own-key-past-quota"));
    }

    [Test]
    public async Task With_connected_whatsapp_leads_use_the_pool_beyond_the_quota()
    {
        using var tenant = await NewTenantAsync();
        for (var index = 0; index <= PoolQuota; index++)
        {
            var lead = NewContactPhone();
            await SendAsync(tenant, lead, $"connected lead {index}");
            await WaitForRepliesAsync(lead, 1);
        }

        Assert.That(Ai.Requests.Where(r => r.AllText.Contains("connected lead")).Select(r => r.ApiKey).ToList(), Has.Count.EqualTo(PoolQuota + 1).And.All.EqualTo("pool-key-limits"));
    }

    [Test]
    public async Task Every_ai_call_asks_for_at_most_the_configured_output_tokens()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Tina Tokens", phone, "Run 10 km");
        await SendAsync(tenant, phone, "how far today?");
        await WaitForRepliesAsync(phone, 1);

        Assert.That(Ai.Requests.Single(r => r.AllText.Contains("how far today?")).MaxTokens, Is.EqualTo(MaxOutputTokens));
        Assert.That(Ai.Requests.Select(r => r.MaxTokens), Has.All.EqualTo(MaxOutputTokens));
    }

    [Test]
    public async Task A_long_ai_reply_is_at_most_three_twilio_messages_the_last_ending_with_an_ellipsis()
    {
        var sentence = "Keep your back straight and breathe out as you push. ";
        Ai.When(r => r.AllText.Contains("tell me everything"), string.Concat(Enumerable.Repeat(sentence, 200))); // 10,600 characters
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();

        await SendAsync(tenant, phone, "tell me everything about squats");
        await WaitUntilSettledAsync(tenant, phone);

        var parts = SentTo(phone);
        Assert.That(parts, Has.Count.EqualTo(3));
        Assert.That(parts.Select(p => p.Body.Length), Has.All.LessThanOrEqualTo(1600));
        Assert.That(parts[^1].Body, Does.EndWith("…"));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound'", ("p", phone)), Is.EqualTo(3));
    }

    [Test]
    public async Task A_contact_writing_faster_than_the_debounce_is_answered_within_the_maximum_wait()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var writing = Stopwatch.StartNew();
        var sent = 0;

        // The contact keeps writing well within the one-second debounce, as someone typing every 2.5 s against the
        // 4 s default would: without the cap every message postpones the answer and none ever comes.
        while (SentTo(phone).Count == 0)
        {
            Assert.That(writing.Elapsed, Is.LessThan(TimeSpan.FromSeconds(MaxBatchWaitSeconds * 5)), "no answer while the contact kept writing");
            Assert.That((await SendAsync(tenant, phone, $"still typing {sent++}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(TimeSpan.FromMilliseconds(300)); // the contact's pace, not a wait for the product
        }

        var firstAnswer = Ai.Requests.First(r => r.AllText.Contains("still typing"));
        Assert.That(firstAnswer.AllText, Does.Contain("still typing 0"), "the first batch holds the first message");
    }

    [Test]
    public async Task Webhook_forms_beyond_the_limits_get_413_or_400_never_500()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var http = Host.CreateClient();
        Task<HttpResponseMessage> Signed(Dictionary<string, string> form, string path = "/api/whatsapp/webhook") =>
            TwilioWebhook.PostAsync(http, SiloHost.PublicBaseUrl + path, tenant.AuthToken, form, path);
        Dictionary<string, string> Inbound(string body) => TwilioWebhook.InboundForm(tenant.AccountSid, phone, tenant.Number, body);

        Assert.That((await Signed(Inbound(new string('a', 70_000)))).StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), "Content-Length over 64 KB");
        Assert.That((await PostUnsizedAsync(http, new string('a', 70_000))).StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), "a chunked body over 64 KB");
        var statusForm = new Dictionary<string, string> { ["AccountSid"] = tenant.AccountSid, ["From"] = "whatsapp:" + tenant.Number, ["MessageSid"] = FakeTwilio.NewSid(), ["MessageStatus"] = new string('x', 70_000) };
        Assert.That((await Signed(statusForm, "/api/whatsapp/status-callback")).StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));

        var manyFields = Inbound("many fields");
        for (var index = 0; index < 200; index++)
        {
            manyFields[$"Extra{index}"] = "x";
        }

        Assert.That((await Signed(manyFields)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "more than 200 fields");
        Assert.That((await Signed(Inbound(new string('b', 17_000)))).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a value over 16 KB");
        var longKey = Inbound("long key");
        longKey[new string('k', 300)] = "x";
        Assert.That((await Signed(longKey)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a key over 256 characters");
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p", ("p", phone)), Is.Zero);

        // A NUL is not malformed: the signature holds on the raw values, the message is stored without it and answered.
        var withNul = TwilioWebhook.InboundForm(tenant.AccountSid, phone, tenant.Number, "hello\0 coach", profileName: "Nu\0ll");
        Assert.That((await Signed(withNul)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(phone, 1);
        Assert.That(await Db.ScalarAsync<string>(ConnectionString, "SELECT body FROM messages WHERE contact_phone = @p AND direction = 'inbound'", ("p", phone)),
            Is.EqualTo("hello coach"));
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("hello coach")).SystemPrompt, Does.Contain("Null"));
    }

    /// <summary>A form post without Content-Length (chunked), which only the reading itself can stop.</summary>
    private static Task<HttpResponseMessage> PostUnsizedAsync(HttpClient http, string body)
    {
        var content = new UnsizedContent(Encoding.UTF8.GetBytes("Body=" + body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return http.PostAsync("/api/whatsapp/webhook", content);
    }

    private static async Task SimulateAsync(ApiConsultant consultant, string phone, string text) =>
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text })).EnsureSuccessStatusCode();

    private Task<ConversationSnapshot> SimulatedSummaryAsync(ApiConsultant consultant, string phone) =>
        ConversationSnapshot.ReadAsync(ConnectionString, consultant.Id, phone, simulated: true);

    private sealed record TestBody(bool Success, string Message);

    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
