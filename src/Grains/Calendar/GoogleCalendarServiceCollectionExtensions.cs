using Consultant.Grains.Booking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Calendar;

public static class GoogleCalendarServiceCollectionExtensions
{
    /// <summary>Google Calendar: the connection (OAuth), the calendar the bookings ask (<see cref="IBookingCalendar"/>), the retry.</summary>
    public static IServiceCollection AddGoogleCalendar(this IServiceCollection services)
    {
        services.AddOptions<GoogleOptions>().BindConfiguration(GoogleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(GoogleOAuthClient.HttpClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<GoogleOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<GoogleOAuthClient>();
        services.AddSingleton<GoogleCalendarApi>();
        services.AddSingleton<GoogleConnectionStore>();
        services.AddSingleton<GoogleEventStore>();
        services.AddSingleton<GoogleAccessTokens>();
        services.AddSingleton<GoogleCalendarConnections>();
        services.AddSingleton<GoogleCalendarSync>();
        services.AddSingleton<GoogleCalendar>();
        services.AddSingleton<IBookingCalendar>(provider => provider.GetRequiredService<GoogleCalendar>());
        return services;
    }
}
