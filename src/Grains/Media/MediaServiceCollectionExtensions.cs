using Consultant.Grains.Twilio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Media download (two HTTP clients: Twilio's host with credentials, redirects without), store and analysis.</summary>
    public static IServiceCollection AddConsultantMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(TwilioMediaDownloader.TwilioClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TwilioOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHttpClient(TwilioMediaDownloader.RedirectClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TwilioOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false, // the connect check must see the real destination
                ConnectCallback = TwilioMediaDownloader.ConnectToPublicAddressAsync,
            });
        services.AddSingleton<TwilioMediaDownloader>();
        services.AddSingleton<IMediaStore, FileSystemMediaStore>();
        services.AddSingleton<MediaRepository>();
        services.AddSingleton<MediaAnalyzer>();
        services.AddSingleton<ChatMessageViews>();
        services.AddSingleton<InboundMediaWork>();
        services.AddSingleton<MediaForReply>();
        return services;
    }
}
