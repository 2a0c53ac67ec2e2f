using Consultant.Grains.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Languages;

public static class LanguageServiceCollectionExtensions
{
    /// <summary>
    /// The contact's language: the detector (one, shared, its models loaded as the host starts), its table, and the hook
    /// that follows each message.
    /// </summary>
    public static IServiceCollection AddContactLanguages(this IServiceCollection services)
    {
        services.AddSingleton<ContactLanguageDetector>();
        services.AddOptions<LanguageModelsOptions>().BindConfiguration(LanguageModelsOptions.Section);
        services.AddHostedService<LanguageModelsPreload>();
        services.AddSingleton<ContactLanguageStore>();
        services.AddConversationHook<ContactLanguageHook>();
        return services;
    }
}
