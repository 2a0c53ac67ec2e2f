using Consultant.Grains.Outbound.Marketing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consultant.Grains.Outbound.Pacing;

public static class PacingServiceCollectionExtensions
{
    /// <summary>The sender pacer's options, its clock and <see cref="PacedSends"/>, and the "stopped marketing" flag with its hook.</summary>
    public static IServiceCollection AddSenderPacing(this IServiceCollection services)
    {
        services.AddOptions<SenderPacingOptions>().BindConfiguration(SenderPacingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddKeyedSingleton(SenderPacingClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<PacedSends>();
        services.AddMarketingConsent();
        return services;
    }
}
