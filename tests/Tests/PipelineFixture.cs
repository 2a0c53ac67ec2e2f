using System.Net.Http.Json;
using Consultant.Grains.Ai;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>A consultant with WhatsApp configured against the fake Twilio.</summary>
public sealed record WhatsAppTenant(ApiConsultant Consultant, string AccountSid, string AuthToken, string Number) : IDisposable
{
    public void Dispose() => Consultant.Dispose();
}

/// <summary>
/// The product host with a fake Twilio and a fake AI endpoint, debounce shortened to one second.
/// <paramref name="acknowledgementLevers"/>: issue 20's levers (<c>Acknowledgement:*</c>) all on or all off in every
/// host the fixture starts; null: as shipped.
/// </summary>
public abstract class PipelineFixture(bool? acknowledgementLevers = null)
{
    protected const string DebounceSeconds = "1";

    protected FakeTwilio Twilio { get; private set; } = null!;

    protected FakeAi Ai { get; private set; } = null!;

    protected SiloHost Host { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        Ai = await FakeAi.StartAsync();
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        await BeforeHostAsync();
        Host = CreateHost();
        Host.StartServer();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Host.DisposeAsync();
        await Ai.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>What a fixture starts before its host (another fake server the host's settings point at).</summary>
    protected virtual Task BeforeHostAsync() => Task.CompletedTask;

    /// <summary>Configuration a fixture adds to (or overrides in) every host it creates.</summary>
    protected virtual IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>();

    /// <summary>Services a fixture adds to every host it creates.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>Where a fixture reads the log of the hosts it creates (null: not captured).</summary>
    protected virtual CapturedLogs? Logs => null;

    /// <summary><paramref name="settings"/> with the fixture's acknowledgement levers, for a host a test starts itself.</summary>
    protected Dictionary<string, string> WithLevers(Dictionary<string, string> settings) =>
        acknowledgementLevers is { } on ? AcknowledgementLevers.Apply(settings, on, on) : settings;

    protected SiloHost CreateHost(string debounceSeconds = DebounceSeconds, string clusterId = "pipeline")
    {
        var settings = WithLevers(new Dictionary<string, string>
        {
            ["WhatsApp:DebounceSeconds"] = debounceSeconds,
            ["WhatsApp:PollIntervalSeconds"] = "3600", // tests poll on demand
            ["Ai:Endpoint"] = Ai.Endpoint.ToString(),
        });
        foreach (var (key, value) in HostSettings)
        {
            settings[key] = value;
        }

        return new(ConnectionString, Twilio.BaseUrl, clusterId, settings: settings, services: AddServices) { Logs = Logs };
    }

    protected static string NewContactPhone() => "+551198" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected async Task<WhatsAppTenant> NewTenantAsync(
        string? aiApiKey = "consultant-own-key", string mode = "webhook", bool autoResponse = true, SiloHost? host = null, string? number = null) =>
        await ConfigureWhatsAppAsync(Twilio, await (host ?? Host).RegisterConsultantAsync(), aiApiKey, mode, autoResponse, number);

    /// <summary>Gives <paramref name="consultant"/> a Twilio account on the fake and saves WhatsApp settings for it.</summary>
    internal static async Task<WhatsAppTenant> ConfigureWhatsAppAsync(
        FakeTwilio twilio, ApiConsultant consultant, string? aiApiKey = "consultant-own-key", string mode = "webhook", bool autoResponse = true,
        string? number = null)
    {
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var authToken = Guid.NewGuid().ToString("N");
        number ??= "+1415" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        twilio.AddAccount(accountSid, authToken);
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid, authToken, whatsappNumber = number, isActive = true, autoResponseEnabled = autoResponse, aiApiKey, mode,
        });
        saved.EnsureSuccessStatusCode();
        // As the settings page does after saving: a passed connection test is what makes WhatsApp connected.
        var tested = await consultant.Http.PostAsync("/api/whatsapp/config/test", null);
        tested.EnsureSuccessStatusCode();
        return new WhatsAppTenant(consultant, accountSid, authToken, number);
    }

    internal static async Task<Guid> AddClientAsync(WhatsAppTenant tenant, string name, string phone, string goals)
    {
        var response = await tenant.Consultant.Http.PostAsJsonAsync("/api/clients", new { name, phone, language = "en", goals });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdBody>())!.Id;
    }

    protected Task<HttpResponseMessage> SendAsync(WhatsAppTenant tenant, string from, string body, string? messageSid = null, SiloHost? host = null)
    {
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, from, tenant.Number, body, messageSid);
        return TwilioWebhook.PostAsync((host ?? Host).CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
    }

    /// <summary>Twilio's status callback for a message we sent, signed with the tenant's token (or <paramref name="authToken"/>).</summary>
    protected Task<HttpResponseMessage> StatusCallbackAsync(
        WhatsAppTenant tenant, string sid, string status, string? errorCode = null, string? authToken = "")
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
            ["AccountSid"] = tenant.AccountSid,
            ["From"] = "whatsapp:" + tenant.Number,
            ["To"] = "whatsapp:+15550000000",
            ["ApiVersion"] = "2010-04-01",
            ["ChannelPrefix"] = "whatsapp",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        return TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.PublicBaseUrl + StatusCallbackPath,
            authToken == "" ? tenant.AuthToken : authToken, form, StatusCallbackPath);
    }

    protected const string StatusCallbackPath = "/api/whatsapp/status-callback";

    protected IReadOnlyList<FakeTwilioMessage> SentTo(string phone) => Twilio.Sent.Where(m => m.To == "whatsapp:" + phone).ToList();

    protected Task<IReadOnlyList<FakeTwilioMessage>> WaitForRepliesAsync(string phone, int count) =>
        Poll.UntilAsync(() => Task.FromResult(SentTo(phone)), sent => sent.Count >= count, TimeSpan.FromSeconds(60), $"{count} reply(ies) to {phone}");

    /// <param name="connectionString">The database of a host the test started itself; the fixture's by default.</param>
    protected Task<ConversationSnapshot> SummaryAsync(WhatsAppTenant tenant, string phone, string? connectionString = null) =>
        ConversationSnapshot.ReadAsync(connectionString ?? ConnectionString, tenant.Consultant.Id, phone);

    /// <summary>
    /// Waits until every inbound message of the conversation is answered and its list row written after that: no
    /// further reply can come and the row's counts are final.
    /// </summary>
    protected Task<ConversationSnapshot> WaitUntilSettledAsync(
        WhatsAppTenant tenant, string phone, Func<ConversationSnapshot, bool>? also = null, string? connectionString = null) =>
        Poll.UntilAsync(() => SummaryAsync(tenant, phone, connectionString), s => s.Settled && (also?.Invoke(s) ?? true),
            TimeSpan.FromSeconds(60), "the conversation to settle");

    /// <summary>
    /// Waits until each contact's conversation is in the conversation list. A webhook's list row is written just after
    /// its acknowledgement (<c>Acknowledgement:ListRowAfterAcknowledgement</c>), so what needs it right after a webhook
    /// (the conversation by id, the list, a broadcast's audience) waits for it first; the simulator writes it before answering.
    /// </summary>
    /// <param name="connectionString">The database of a host the test started itself; the fixture's by default.</param>
    protected Task ListedAsync(WhatsAppTenant tenant, IReadOnlyCollection<string> contacts, string? connectionString = null) =>
        Poll.UntilAsync(() => Db.ScalarAsync<long>(connectionString ?? ConnectionString,
                "SELECT count(*) FROM conversations WHERE consultant_id = @c AND contact_phone = ANY(@p)",
                ("c", tenant.Consultant.Id), ("p", contacts.Distinct().ToArray())),
            listed => listed == contacts.Distinct().Count(), TimeSpan.FromSeconds(30), $"{contacts.Count} conversation(s) listed");

    protected Task<long> CountAsync(string sql, params (string, object)[] parameters) =>
        Db.ScalarAsync<long>(ConnectionString, sql, parameters);

    protected Task AddPoolKeyAsync(string apiKey) => Host.Services.GetRequiredService<AiKeyPool>().AddAsync("test", apiKey);

    private sealed record IdBody(Guid Id);
}
