using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Grains.Analytics;

public static class DailyStatsServiceCollectionExtensions
{
    /// <summary>The ledger's readers: replies to automation (and their report) and the daily statistics (live, stored and closed nightly).</summary>
    public static IServiceCollection AddDailyStats(this IServiceCollection services)
    {
        services.AddSingleton<AutomationReplies>();
        services.AddSingleton<AutomationReplyReport>();
        services.AddSingleton<DailyStatsQuery>();
        services.AddSingleton<DailyStatsStore>();
        services.AddSingleton<DailyStatsService>();
        services.AddSingleton<DailyStatsClosing>();
        return services;
    }
}
