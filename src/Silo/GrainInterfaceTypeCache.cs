using System.Collections.Concurrent;
using Orleans.Metadata;

namespace Consultant.Silo;

/// <summary>
/// Orleans works out a grain interface's type id again on every <c>GetGrain</c>: it reads the interface's attributes
/// by reflection and, finding none, formats its name. Under load that was about 4 % of the silo's CPU (a message makes
/// several grain references: its conversation, its consultant, the dashboards' events; bench/NOTES.md, session 16).
/// Asked before Orleans' own providers, this one remembers each interface's answer, which never changes in a process.
/// </summary>
internal sealed class GrainInterfaceTypeCache(IServiceProvider services) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> known = new();

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        if (type.IsGenericType)
        {
            // Orleans adds a generic interface's type arguments to what a provider answers: left to Orleans.
            grainInterfaceType = default;
            return false;
        }

        grainInterfaceType = known.GetOrAdd(type, WorkOut);
        return true;
    }

    /// <summary>What Orleans would answer: the first other provider that knows the type, else its naming convention.</summary>
    private GrainInterfaceType WorkOut(Type type)
    {
        foreach (var provider in services.GetServices<IGrainInterfaceTypeProvider>())
        {
            if (!ReferenceEquals(provider, this) && provider.TryGetGrainInterfaceType(type, out var found))
            {
                return found;
            }
        }

        return services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceTypeByConvention(type);
    }
}

internal static class GrainInterfaceTypeCacheRegistration
{
    /// <summary>Registers the cache first: Orleans asks its providers in the order they were registered.</summary>
    public static void AddGrainInterfaceTypeCache(this IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, GrainInterfaceTypeCache>());
}
