using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Placement;

namespace Consultant.TestSupport;

/// <summary>
/// An Orleans client of a <see cref="SiloCluster"/>, from the test process: finds the cluster's gateways in the
/// membership table, and tells where grains are activated (which silo a kill takes them from).
/// </summary>
public sealed class SiloClusterClient : IAsyncDisposable
{
    private readonly IHost host;
    private int disposed;

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

    /// <summary>
    /// Makes <paramref name="firstCall"/> with a placement hint for <paramref name="silo"/>: a grain it activates is
    /// placed there (Orleans' placement directors follow the hint), so a test decides what a kill takes away.
    /// The hint travels with the call chain; a grain already active elsewhere stays where it is.
    /// </summary>
    public async Task ActivateOnAsync(SiloProcess silo, Func<IClusterClient, Task> firstCall)
    {
        var address = await AddressOfAsync(silo);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, address);
        try
        {
            await firstCall(Client);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
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

    /// <summary>Idempotent: a test may let go of the client early (before a kill, say) inside an <c>await using</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

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
