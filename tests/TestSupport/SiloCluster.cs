using Npgsql;

namespace Consultant.TestSupport;

/// <summary>
/// Several copies of the built silo executable (<see cref="SiloProcess"/>), each in its own process, forming one
/// Orleans cluster on one PostgreSQL database: the multi-process harness for kill tests and the two-silo benchmark.
/// <code>
/// await using var cluster = await SiloCluster.StartAsync(connectionString, silos: 2, settings);
/// var http = cluster.Silos[0].BaseUrl;         // webhooks, API and hub of the first silo
/// await cluster.Silos[1].KillAsync();          // SIGKILL
/// await cluster.WaitUntilDeclaredDeadAsync(cluster.Silos[1], TimeSpan.FromMinutes(2));
/// await using var orleans = await cluster.ConnectClientAsync(); // grain placement, the management grain
/// </code>
/// <see cref="StartAsync"/> returns once every silo answers HTTP and is Active in the membership table.
/// Disposing kills what still runs. Each silo's output is in its <see cref="SiloProcess.LogPath"/>.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    /// <summary>Orleans' SiloStatus values as the membership table stores them.</summary>
    public const int Active = 3;

    public const int Dead = 6;

    private SiloCluster(string connectionString, string clusterId, string serviceId, IReadOnlyList<SiloProcess> silos)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        ServiceId = serviceId;
        Silos = silos;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public string ServiceId { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    /// <summary>
    /// Starts <paramref name="silos"/> copies at once on <paramref name="connectionString"/> with the same
    /// <paramref name="settings"/> (configuration keys such as <c>Twilio:ApiBaseUrl</c>; the database and cluster id are
    /// set here) and waits, up to <paramref name="timeout"/> (2 minutes by default), until all have joined.
    /// </summary>
    public static async Task<SiloCluster> StartAsync(
        string connectionString, int silos, IReadOnlyDictionary<string, string> settings, string clusterId = "cluster", TimeSpan? timeout = null)
    {
        var all = new Dictionary<string, string>(settings)
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
        };
        var processes = Enumerable.Range(1, silos).Select(n => SiloProcess.Start($"silo{n}", all)).ToList();
        var serviceId = settings.GetValueOrDefault("Orleans:ServiceId", "consultant-whatsapp"); // appsettings.json's
        var cluster = new SiloCluster(connectionString, clusterId, serviceId, processes);
        try
        {
            var limit = timeout ?? TimeSpan.FromMinutes(2);
            await Task.WhenAll(processes.Select(p => p.WaitUntilAnswersAsync(limit)));
            foreach (var silo in processes)
            {
                await cluster.WaitForStatusAsync(silo, Active, limit);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client for <paramref name="silo"/>'s API (a generous timeout: calls may wait on a dead silo).</summary>
    public static HttpClient HttpClientFor(SiloProcess silo) => new() { BaseAddress = silo.BaseUrl, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>The silo's status in the membership table (its latest generation), or null before it wrote a row.</summary>
    public async Task<int?> StatusAsync(SiloProcess silo)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT status FROM orleans_membership
             WHERE deployment_id = @cluster AND port = @port
             ORDER BY generation DESC LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("port", silo.SiloPort);
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    /// <summary>Until the cluster has declared <paramref name="silo"/> dead (after missed probes), the survivors keep sending it calls.</summary>
    public Task WaitUntilDeclaredDeadAsync(SiloProcess silo, TimeSpan timeout) => WaitForStatusAsync(silo, Dead, timeout);

    private async Task WaitForStatusAsync(SiloProcess silo, int status, TimeSpan timeout)
    {
        try
        {
            await Poll.UntilAsync(() => StatusAsync(silo), s => s == status, timeout, $"silo {silo.Name} to have status {status} in the membership table");
        }
        catch (TimeoutException ex)
        {
            throw silo.Failure(ex.Message);
        }
    }

    /// <summary>An Orleans client of this cluster (through the gateways in the membership table).</summary>
    public Task<SiloClusterClient> ConnectClientAsync() => SiloClusterClient.ConnectAsync(ConnectionString, ClusterId, ServiceId);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }
    }
}
