using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consultant.Grains.Hooks;

public static class ConversationHookRegistration
{
    /// <summary>Adds a capability's <see cref="IConversationHook"/> (a singleton; registering the same type twice adds it once).</summary>
    public static IServiceCollection AddConversationHook<THook>(this IServiceCollection services)
        where THook : class, IConversationHook
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationHook, THook>());
        return services;
    }
}
