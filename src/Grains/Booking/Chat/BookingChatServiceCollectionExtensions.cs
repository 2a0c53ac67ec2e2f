using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Booking.Chat;

public static class BookingChatServiceCollectionExtensions
{
    /// <summary>The booking tools the AI uses in the chat and the slots they offered.</summary>
    public static IServiceCollection AddBookingChat(this IServiceCollection services)
    {
        services.AddSingleton<OfferedSlots>();
        services.AddSingleton<BookingPromptFacts>();
        services.AddSingleton<BookingChatTools>();
        return services;
    }
}
