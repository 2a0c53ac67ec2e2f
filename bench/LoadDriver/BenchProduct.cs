using System.Globalization;
using System.Net.Http.Json;
using Consultant.Grains.Accounts;
using Consultant.TestSupport;
using Npgsql;

namespace Consultant.Bench;

/// <summary>One consultant's WhatsApp sender as the load generator signs for it (and their sign-in, for the dashboard).</summary>
internal sealed record BenchTenant(string AccountSid, string AuthToken, string Number, string Email = "", string Password = "");

/// <summary>
/// The product as it runs in production: the built <c>Consultant.Silo</c> in a process of its own (Production
/// environment, as <c>./run.sh</c> starts it) on its own fresh database, reaching the fakes in the load generator's
/// process over loopback. Seeded over its API: an administrator who adds a pool key (leads are answered from the
/// pool), and <c>consultants</c> consultants, each with a Twilio account and WhatsApp number of their own.
/// With <c>silos</c> = 2, two such processes form one cluster on the one database (<see cref="SiloCluster"/>: each its
/// own HTTP, silo and gateway ports).
/// </summary>
internal sealed class BenchProduct : IAsyncDisposable
{
    private BenchProduct(SiloCluster cluster, string connectionString, IReadOnlyList<BenchTenant> tenants)
    {
        Cluster = cluster;
        ConnectionString = connectionString;
        Tenants = tenants;
    }

    public SiloCluster Cluster { get; }

    /// <summary>The product's database (for the exactly-once counts).</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<BenchTenant> Tenants { get; }

    public int ProcessId => Cluster.Silos[0].ProcessId;

    public Uri BaseUrl => Cluster.Silos[0].BaseUrl;

    /// <param name="connectionOptions">Appended to the product's connection string (a lever switched off).</param>
    /// <param name="settings">Configuration beside the bench's own (a lever switched off).</param>
    /// <param name="autoResponse">False: the consultants' AI answers are off (the dashboard phase: only the events).</param>
    public static async Task<BenchProduct> StartAsync(
        FakeTwilio twilio, FakeAi ai, int consultants, double debounceSeconds, string connectionOptions, IReadOnlyDictionary<string, string> settings,
        int silos = 1, bool autoResponse = true)
    {
        // The product's pools as ./run.sh has them (Npgsql's defaults): a test database's string lets idle connections go after
        // 10 s (TestPostgres), and the product then opened connections again in the middle of a load, each a SCRAM
        // handshake and a new server process (a CPU profile of the open loop showed them).
        var connectionString = new NpgsqlConnectionStringBuilder(await TestPostgres.CreateDatabaseAsync())
        {
            ConnectionIdleLifetime = 300,
            ConnectionPruningInterval = 10,
        }.ConnectionString;
        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Twilio:ApiBaseUrl"] = twilio.BaseUrl.ToString(),
            ["Twilio:ContentBaseUrl"] = twilio.BaseUrl.ToString(),
            ["Ai:Endpoint"] = ai.Endpoint.ToString(),
            ["WhatsApp:DebounceSeconds"] = debounceSeconds.ToString(CultureInfo.InvariantCulture),
            ["WhatsApp:PublicBaseUrl"] = SiloHost.PublicBaseUrl,
            ["Storage:Root"] = Path.Combine(Path.GetTempPath(), "consultant-bench", Guid.NewGuid().ToString("N")),
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("BENCH_LOG_LEVEL") ?? "Error",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var cluster = await SiloCluster.StartAsync(connectionString + connectionOptions, silos, all, clusterId: "bench");
        try
        {
            var baseUrl = cluster.Silos[0].BaseUrl;
            HttpClient NewClient() => new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
            await AddPoolKeyAsync(NewClient, connectionString);
            var tenants = new BenchTenant[consultants];
            await Parallel.ForEachAsync(Enumerable.Range(0, consultants), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                using var consultant = await ApiConsultant.RegisterAsync(NewClient, $"Bench Consultant {i}");
                var tenant = new BenchTenant("AC" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"),
                    "+39347" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture), consultant.Email, consultant.Password);
                twilio.AddAccount(tenant.AccountSid, tenant.AuthToken);
                (await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
                {
                    accountSid = tenant.AccountSid, authToken = tenant.AuthToken, whatsappNumber = tenant.Number,
                    isActive = true, autoResponseEnabled = autoResponse, mode = "webhook",
                })).EnsureSuccessStatusCode();
                // Connected (a passed test): leads use the pool without a quota.
                (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).EnsureSuccessStatusCode();
                tenants[i] = tenant;
            });
            return new BenchProduct(cluster, connectionString, tenants);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>An administrator, made so as the operator would (the account's flag), adds the key the leads are answered with.</summary>
    private static async Task AddPoolKeyAsync(Func<HttpClient> newClient, string connectionString)
    {
        using var registered = await ApiConsultant.RegisterAsync(newClient, "Bench Administrator");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new ConsultantAccountRepository(dataSource).SetAdminAsync(registered.Id, isAdmin: true);
        }

        using var admin = await ApiConsultant.SignInAsync(newClient, registered.Email, registered.Password);
        (await admin.Http.PostAsJsonAsync("/api/admin/ai-keys", new { label = "bench", apiKey = "bench-pool-key" })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
