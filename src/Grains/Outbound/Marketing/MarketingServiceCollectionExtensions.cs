using Consultant.Grains.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Outbound.Marketing;

public static class MarketingServiceCollectionExtensions
{
    /// <summary>The "stopped marketing" flag and the hook that sets it from status callbacks.</summary>
    public static IServiceCollection AddMarketingConsent(this IServiceCollection services)
    {
        services.AddSingleton<MarketingConsent>();
        services.AddConversationHook<MarketingStopHook>();
        return services;
    }
}
