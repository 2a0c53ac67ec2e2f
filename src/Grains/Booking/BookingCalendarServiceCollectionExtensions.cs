using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Booking;

public static class BookingCalendarServiceCollectionExtensions
{
    /// <summary>Calendar files and feeds, contacts' time zones. The bookings they read come from the booking core.</summary>
    public static IServiceCollection AddBookingCalendarFiles(this IServiceCollection services)
    {
        services.AddOptions<CalendarFileOptions>().BindConfiguration(CalendarFileOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CalendarFileLinks>();
        services.AddSingleton<CalendarFeedTokens>();
        services.AddSingleton<CalendarDownloads>();
        services.AddSingleton<ContactTimeZoneStore>();
        services.AddSingleton<ContactTimeZones>();
        services.AddSingleton<BookingConfirmations>();
        return services;
    }
}
