using Consultant.Grains.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Analytics;

public static class LeadFunnelServiceCollectionExtensions
{
    /// <summary>The lead funnel: its table, the hook that follows leads' messages, the consultant's choice and the report.</summary>
    public static IServiceCollection AddLeadFunnel(this IServiceCollection services)
    {
        services.AddSingleton<LeadStageEvents>();
        services.AddSingleton<EngagedLeads>();
        services.AddSingleton<LeadFunnel>();
        services.AddSingleton<ConversationLeadStages>();
        services.AddSingleton<LeadFunnelReport>();
        services.AddConversationHook<LeadFunnelHook>();
        return services;
    }
}
