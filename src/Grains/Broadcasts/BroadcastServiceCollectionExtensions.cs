using Consultant.Grains.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Broadcasts;

public static class BroadcastServiceCollectionExtensions
{
    /// <summary>Broadcasts: their options, tables, audience, sending step, quality guard, live counts, the status hook and the reply hook.</summary>
    public static IServiceCollection AddBroadcasts(this IServiceCollection services)
    {
        services.AddOptions<BroadcastOptions>().BindConfiguration(BroadcastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BroadcastStore>();
        services.AddSingleton<BroadcastReportQueries>();
        services.AddSingleton<AudienceQuery>();
        services.AddSingleton<BroadcastService>();
        services.AddSingleton<BroadcastSender>();
        services.AddSingleton<BroadcastHintLanguage>();
        services.AddSingleton<BroadcastDeliveryOutcome>();
        services.AddSingleton<BroadcastTries>();
        services.AddSingleton<QualityGuard>();
        services.AddSingleton<BroadcastProgressPublisher>();
        services.AddConversationHook<BroadcastDeliveryHook>();
        services.AddConversationHook<BroadcastReplyHook>();
        return services;
    }
}
