using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Consultant.TestSupport;

/// <summary>
/// An Orleans client of a <see cref="SiloCluster"/>, from the test process: finds the cluster's gateways in the
/// membership table, and tells where grains are activated (which silo a kill takes them from).
/// </summary>
public sealed class SiloClusterClient : IAsyncDisposable
{
    private readonly IHost host;

    private SiloClusterClient(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public IManagementGrain Management => Client.GetGrain<IManagementGrain>(0);

    public static async Task<SiloClusterClient> ConnectAsync(string connectionString, string clusterId, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, serviceId))
            .UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", connectionString)));
        var host = builder.Build();
        await host.StartAsync();
        return new SiloClusterClient(host);
    }

    /// <summary>The Orleans address of <paramref name="silo"/> among the active silos.</summary>
    public async Task<SiloAddress> AddressOfAsync(SiloProcess silo)
    {
        var hosts = await Management.GetHosts(onlyActive: true);
        return hosts.Keys.SingleOrDefault(a => a.Endpoint.Port == silo.SiloPort)
            ?? throw silo.Failure("is not among the active silos");
    }

    /// <summary>The grains activated on <paramref name="silo"/> right now, optionally of one grain type (as in [GrainType("...")]).</summary>
    public async Task<IReadOnlyList<GrainId>> GrainsOnAsync(SiloProcess silo, string? grainType = null)
    {
        var address = await AddressOfAsync(silo);
        var statistics = await Management.GetDetailedGrainStatistics(hostsIds: [address]);
        return statistics
            .Where(s => s.SiloAddress.Equals(address) && (grainType is null || s.GrainId.Type.ToString() == grainType))
            .Select(s => s.GrainId)
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            host.Dispose();
        }
    }
}
