using Consultant.Grains.Abstractions;
using Consultant.Grains.Demo;

namespace Consultant.Silo;

/// <summary>What the silo does once it has started: the demo's data (with <c>Demo:Seed</c>) and the cluster-wide reminders.</summary>
internal static class StartUpStepsRegistration
{
    public static IServiceCollection AddStartUpSteps(this IServiceCollection services)
    {
        services.AddStartUpStep("saving the demo consultant's AI key", provider => IfDemo(provider,
            () => provider.GetRequiredService<DemoSeeder>().SeedConsultantAiKeyAsync(provider.GetRequiredService<IConfiguration>()["Demo:AiApiKey"])));
        services.AddStartUpStep("seeding the demo consultant's 30 days of history", provider => IfDemo(provider,
            () => provider.GetRequiredService<DemoHistorySeeder>().SeedAsync()));
        services.AddStartUpStep("scheduling the nightly close of daily statistics", provider =>
            provider.GetRequiredService<IGrainFactory>().GetGrain<IDailyStatsCloserGrain>(0).EnsureScheduledAsync());
        services.AddStartUpStep("scheduling the retry of Google Calendar copies", provider =>
            provider.GetRequiredService<IGrainFactory>().GetGrain<IGoogleCalendarRetryGrain>(0).EnsureScheduledAsync());
        services.AddStartUpStep("scheduling the follow-ups' sweep", provider =>
            provider.GetRequiredService<IGrainFactory>().GetGrain<IFollowUpSweeperGrain>(0).EnsureScheduledAsync());
        services.AddHostedService<StartUpSteps>();
        return services;
    }

    private static IServiceCollection AddStartUpStep(this IServiceCollection services, string description, Func<IServiceProvider, Task> run) =>
        services.AddSingleton(new StartUpStep(description, run));

    /// <summary>Read when the step runs, not when the builder runs: tests set <c>Demo:Seed</c> on the host.</summary>
    private static Task IfDemo(IServiceProvider provider, Func<Task> seed) =>
        provider.GetRequiredService<IConfiguration>().GetValue<bool>("Demo:Seed") ? seed() : Task.CompletedTask;
}
