using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Consultant.Grains.Accounts;
using Consultant.Grains.Booking;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Consultant.TestSupport;

/// <summary>
/// The real product host (silo + API + dashboard) on a test database, with its own Orleans ports.
/// With <paramref name="httpPort"/> it listens on Kestrel (for the browser); otherwise on the in-memory test server.
/// <paramref name="services"/> adds to the product's services (a conversation hook, say).
/// </summary>
public sealed class SiloHost(
    string connectionString, Uri twilioBaseUrl, string clusterId = "test", int? httpPort = null,
    IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The public URL the webhook signatures are made for (as behind a proxy).</summary>
    public const string PublicBaseUrl = "https://consultant.example";

    public const string WebhookUrl = PublicBaseUrl + "/api/whatsapp/webhook";

    public string ConnectionString { get; } = connectionString;

    /// <summary>Where this host keeps media files (a fresh temporary folder).</summary>
    public string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), "consultant-tests", Guid.NewGuid().ToString("N"));

    public int SiloPort { get; } = FreePort.Next();

    public int GatewayPort { get; } = FreePort.Next();

    public Uri? KestrelAddress => httpPort is { } port ? new Uri($"http://127.0.0.1:{port}") : null;

    /// <summary>When set, the host's log goes here too (through the host's own log filters).</summary>
    public CapturedLogs? Logs { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(RepositoryPaths.SiloProject);
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Orleans:ClusterId", clusterId);
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Twilio:ApiBaseUrl", twilioBaseUrl.ToString());
        builder.UseSetting("Twilio:ContentBaseUrl", twilioBaseUrl.ToString()); // the fake serves the Content API too
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("WhatsApp:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Ai:RetryDelaySeconds", "0");
        builder.UseSetting("Twilio:RetryDelaySeconds", "0");
        builder.UseSetting("Media:DownloadRetryDelaySeconds", "0");
        builder.UseSetting("Storage:Root", MediaRoot);
        builder.UseSetting("Flows:StartForNewLeads", "false"); // the AI answers new leads; the guided-flow tests switch it on
        builder.UseSetting("Languages:PreloadModels", "false"); // loaded at first use: many hosts start in one process (LanguageModelsOptions)
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }

        if (Logs is { } logs)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        }

        if (httpPort is { } port)
        {
            UseKestrel(port);
        }
    }

    /// <summary>Registers a consultant and returns an API client carrying their bearer token.</summary>
    public Task<ApiConsultant> RegisterConsultantAsync(string? name = null, string? email = null) =>
        ApiConsultant.RegisterAsync(CreateClient, name, email);

    /// <summary>
    /// Registers a consultant, marks them administrator as the operator would (the account's flag), and signs in
    /// again so the token carries the role.
    /// </summary>
    public async Task<ApiConsultant> RegisterAdministratorAsync(string? name = null)
    {
        using var registered = await RegisterConsultantAsync(name ?? "Administrator");
        await Services.GetRequiredService<ConsultantAccountRepository>().SetAdminAsync(registered.Id, isAdmin: true);
        return await SignInAsync(registered.Email, registered.Password);
    }

    /// <summary>Signs in through <c>POST /api/auth/login</c> and returns an API client carrying the new token.</summary>
    public Task<ApiConsultant> SignInAsync(string email, string password) => ApiConsultant.SignInAsync(CreateClient, email, password);
}

public sealed record ApiConsultant(Guid Id, string Email, string Password, HttpClient Http) : IDisposable
{
    /// <summary>Registers a consultant through <c>POST /api/auth/register</c> on clients from <paramref name="newClient"/>.</summary>
    public static async Task<ApiConsultant> RegisterAsync(Func<HttpClient> newClient, string? name = null, string? email = null)
    {
        email ??= $"c{Guid.NewGuid():N}@test.local";
        const string password = "correct-horse-battery";
        using var anonymous = newClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password, name = name ?? "Test Consultant" });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>() ?? throw new InvalidOperationException("No token.");
        var client = newClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return new ApiConsultant(token.Consultant.Id, email, password, client);
    }

    /// <summary>Signs in through <c>POST /api/auth/login</c> on clients from <paramref name="newClient"/>.</summary>
    public static async Task<ApiConsultant> SignInAsync(Func<HttpClient> newClient, string email, string password)
    {
        using var anonymous = newClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>() ?? throw new InvalidOperationException("No token.");
        var client = newClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return new ApiConsultant(token.Consultant.Id, email, password, client);
    }

    /// <summary>The bearer token (for a SignalR connection, say).</summary>
    public string Token => Http.DefaultRequestHeaders.Authorization!.Parameter!;

    public void Dispose() => Http.Dispose();

    private sealed record TokenBody(string Token, ConsultantBody Consultant);

    private sealed record ConsultantBody(Guid Id);
}
