using Consultant.Grains.Twilio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Interactive;

public static class InteractiveServiceCollectionExtensions
{
    /// <summary>Interactive questions (buttons and lists) and Twilio's Content API they are created with.</summary>
    public static IServiceCollection AddInteractiveMessages(this IServiceCollection services)
    {
        services.AddHttpClient(TwilioContentApi.HttpClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TwilioOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<TwilioContentApi>();
        services.AddSingleton<InteractiveContentStore>();
        services.AddSingleton<InteractiveContents>();
        services.AddSingleton<InteractiveMessages>();
        return services;
    }
}
