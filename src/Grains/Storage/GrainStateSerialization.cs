using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Orleans.Serialization;
using Orleans.Storage;

namespace Consultant.Grains.Storage;

public static class GrainStateSerialization
{
    /// <summary>
    /// <see cref="GrainStateSerializer"/> and what it needs, on a silo's services (Orleans' own serializers come with
    /// the silo). The grain storage provider is given it in the silo's set-up; the conversations' provider is here.
    /// </summary>
    public static IServiceCollection AddGrainStateSerializer(this IServiceCollection services)
    {
        services.AddOptions<GrainStorageOptions>().BindConfiguration(GrainStorageOptions.Section).ValidateOnStart();
        // Orleans' JSON settings leave default values out; a state whose initial value is not the default (a lead and
        // the AI on, until told otherwise) would read false back as true after a restart. Write every value.
        services.PostConfigure<OrleansJsonSerializerOptions>(json => json.JsonSerializerSettings.DefaultValueHandling = DefaultValueHandling.Include);
        services.TryAddSingleton<JsonGrainStorageSerializer>();
        services.TryAddSingleton<GrainStateSerializer>();
        services.TryAddSingleton<SharedGrainStorage>();
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Conversations, (provider, _) =>
            provider.GetRequiredService<IOptions<GrainStorageOptions>>().Value.SharedRoundTrips
                ? provider.GetRequiredService<SharedGrainStorage>()
                : provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains));
        return services;
    }
}
