using Consultant.Grains.Abstractions;
using Consultant.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization;

namespace Consultant.Tests;

/// <summary>
/// Every grain interface's type id, worked out by Orleans again on each <c>GetGrain</c>, is remembered: the same answer
/// Orleans gives without the cache, and Orleans' own providers asked once per interface.
/// </summary>
public sealed class GrainInterfaceTypeCacheTests
{
    private static readonly Type[] GrainInterfaces = [.. typeof(IConversationGrain).Assembly.GetTypes()
        .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && !type.IsGenericTypeDefinition)];

    [Test]
    public void Every_grain_interface_gets_the_id_Orleans_gives_it_without_the_cache()
    {
        using var without = Resolvers(cached: false);
        using var with = Resolvers(cached: true);

        Assert.That(GrainInterfaces, Has.Length.GreaterThan(10));
        foreach (var type in GrainInterfaces)
        {
            Assert.That(Resolver(with).GetGrainInterfaceType(type), Is.EqualTo(Resolver(without).GetGrainInterfaceType(type)), type.Name);
        }
    }

    [Test]
    public void Orleans_providers_are_asked_once_per_interface_however_many_references_are_made()
    {
        using var services = Resolvers(cached: true);
        var counting = services.GetServices<IGrainInterfaceTypeProvider>().OfType<CountingProvider>().Single();

        for (var i = 0; i < 5; i++)
        {
            Resolver(services).GetGrainInterfaceType(typeof(IConversationGrain));
            Resolver(services).GetGrainInterfaceType(typeof(IConsultantGrain));
        }

        Assert.That(counting.Asked, Is.EqualTo(2));
    }

    [Test]
    public void A_generic_interface_is_left_to_Orleans()
    {
        using var services = Resolvers(cached: true);
        var cache = services.GetServices<IGrainInterfaceTypeProvider>().First();

        Assert.That(cache, Is.InstanceOf<GrainInterfaceTypeCache>(), "asked first, or it saves nothing");
        Assert.That(cache.TryGetGrainInterfaceType(typeof(IGrainWithGenericKey<string>), out _), Is.False);
    }

    /// <summary>Orleans' resolver with its attribute provider (counted), as the silo registers them.</summary>
    private static ServiceProvider Resolvers(bool cached)
    {
        var services = new ServiceCollection();
        services.AddSerializer();
        services.AddSingleton<IGrainInterfaceTypeProvider, CountingProvider>();
        services.AddSingleton<GrainInterfaceTypeResolver>();
        if (cached)
        {
            services.AddGrainInterfaceTypeCache();
        }

        return services.BuildServiceProvider();
    }

    private static GrainInterfaceTypeResolver Resolver(IServiceProvider services) => services.GetRequiredService<GrainInterfaceTypeResolver>();

    public interface IGrainWithGenericKey<T> : IGrainWithStringKey;

    private sealed class CountingProvider(IServiceProvider services) : IGrainInterfaceTypeProvider
    {
        private readonly AttributeGrainInterfaceTypeProvider orleans = new(services);

        public int Asked { get; private set; }

        public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
        {
            Asked++;
            return orleans.TryGetGrainInterfaceType(type, out grainInterfaceType);
        }
    }
}
