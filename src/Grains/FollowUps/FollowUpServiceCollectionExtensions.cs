using Consultant.Grains.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.FollowUps;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>Follow-ups: the rules, the queue, the sweep's sender, the conversation hook that cancels and anchors them, and the re-plan after a zone change.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FollowUpRuleStore>();
        services.AddSingleton<FollowUpStore>();
        services.AddSingleton<FollowUpComposer>();
        services.AddSingleton<FollowUpService>();
        services.AddSingleton<FollowUpQuietHours>();
        services.AddSingleton<FollowUpSchedule>();
        services.AddSingleton<FollowUpSilence>();
        services.AddSingleton<FollowUpReplyHold>();
        services.AddSingleton<FollowUpStatusReactions>();
        services.AddSingleton<FollowUpAiWriter>();
        services.AddSingleton<FollowUpSender>();
        services.AddSingleton<FollowUpSweep>();
        services.AddConversationHook<FollowUpHook>();
        services.AddSingleton<Booking.IBookingListener, FollowUpBookingListener>();
        services.AddSingleton<Accounts.ITimeZoneListener, FollowUpTimeZoneListener>();
        return services;
    }
}
