using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Flows;

public static class FlowsServiceCollectionExtensions
{
    /// <summary>Guided flows: their definitions and the lead's answers, the engine, and the answering of a batch by a flow.</summary>
    public static IServiceCollection AddGuidedFlows(this IServiceCollection services)
    {
        services.AddOptions<FlowOptions>().BindConfiguration(FlowOptions.Section);
        services.AddSingleton<FlowStore>();
        services.AddSingleton<LeadAnswerStore>();
        services.AddSingleton<FlowService>();
        services.AddSingleton<FlowBatchMessages>();
        services.AddSingleton<FlowMessages>();
        services.AddSingleton<FlowBooking>();
        services.AddSingleton<FlowEngine>();
        services.AddSingleton<FlowStarter>();
        services.AddSingleton<FlowAnswering>();
        return services;
    }
}
