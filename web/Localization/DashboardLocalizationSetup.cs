using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Web.Localization;

public static class DashboardLocalizationSetup
{
    public static IServiceCollection AddDashboardLocalization(this IServiceCollection services)
    {
        // Each folder's texts sit beside its components: Inbox/InboxText.it.resx for IStringLocalizer<InboxText>.
        services.AddLocalization();
        services.AddScoped<ConsultantClock>();
        return services;
    }

    /// <summary>After authentication: the consultant's own language needs to know who is signed in.</summary>
    public static IApplicationBuilder UseDashboardLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(DashboardCultures.EnglishCulture);
            options.AddSupportedCultures([.. DashboardCultures.Names]);
            options.AddSupportedUICultures([.. DashboardCultures.Names]);
            options.RequestCultureProviders = [new AccountCultureProvider()];
        });
}
