using System.Net;
using Consultant.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Consultant.Silo;

/// <summary>Orleans on PostgreSQL: ADO.NET clustering, grain storage and reminders, plus the Orleans Dashboard.</summary>
internal static class OrleansSetup
{
    private const string Invariant = "Npgsql";

    public static void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddOptions<OrleansHostingOptions>().BindConfiguration(OrleansHostingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        // Everything is read from configuration when the silo starts, not when the builder runs.
        silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<OrleansHostingOptions>>((cluster, hosting) =>
        {
            cluster.ClusterId = hosting.Value.ClusterId;
            cluster.ServiceId = hosting.Value.ServiceId;
        });
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<OrleansHostingOptions>>((endpoints, hosting) =>
        {
            endpoints.AdvertisedIPAddress = IPAddress.Parse(hosting.Value.AdvertisedIp);
            endpoints.SiloPort = hosting.Value.SiloPort;
            endpoints.GatewayPort = hosting.Value.GatewayPort;
        });
        silo.Services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<OrleansHostingOptions>>((directory, hosting) =>
            directory.CacheSize = hosting.Value.DirectoryCacheSize);

        silo.UseAdoNetClustering(options => options.Configure<IConfiguration>((clustering, configuration) =>
        {
            clustering.Invariant = Invariant;
            clustering.ConnectionString = DatabaseConnection.FromConfiguration(configuration);
        }));
        silo.Services.AddGrainStateSerializer();
        silo.AddAdoNetGrainStorage(StorageNames.Grains, options => options.Configure<IConfiguration, GrainStateSerializer>((storage, configuration, serializer) =>
        {
            storage.Invariant = Invariant;
            storage.ConnectionString = DatabaseConnection.FromConfiguration(configuration);
            storage.GrainStorageSerializer = serializer; // GrainStorage:Serializer; reads every format
        }));
        silo.UseAdoNetReminderService(options => options.Configure<IConfiguration>((reminders, configuration) =>
        {
            reminders.Invariant = Invariant;
            reminders.ConnectionString = DatabaseConnection.FromConfiguration(configuration);
        }));

        silo.Services.AddGrainInterfaceTypeCache();
        silo.AddDashboard();
        OrleansDashboardEndpoints.ConfigureTrace(silo);
    }
}
