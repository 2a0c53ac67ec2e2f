using Consultant.Grains.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Booking;

public static class BookingServiceCollectionExtensions
{
    /// <summary>Availability, the booking calendar and its rules; outside calendars register <see cref="IBookingCalendar"/> on their own.</summary>
    public static IServiceCollection AddBooking(this IServiceCollection services)
    {
        services.AddOptions<BookingOptions>().BindConfiguration(BookingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AvailabilityStore>();
        services.AddSingleton<AvailabilityService>();
        services.AddSingleton<NewBookingNotices>();
        services.AddSingleton<BookingStore>();
        services.AddSingleton<BookingContacts>();
        services.AddSingleton<BookingFollowUp>();
        services.AddSingleton<BookingService>();
        services.AddSingleton<ConsultantBookingChanges>();
        services.AddSingleton<BookingChatNotices>();
        services.AddSingleton<IConsultantBookings>(provider => provider.GetRequiredService<BookingService>());
        services.AddSingleton<IConsultationScheduler, RecordedConsultations>();
        return services;
    }
}
