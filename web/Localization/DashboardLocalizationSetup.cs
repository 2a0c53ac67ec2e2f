using System.Globalization;
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

    /// <summary>
    /// After authentication: the consultant's own language needs to know who is signed in. The cultures are the
    /// runtime's read-only cached ones: the middleware hands each request <c>CultureInfo.ReadOnly</c> of the chosen
    /// culture, a fresh copy of a writable one whose number formats ICU then builds again (about 5 % of the silo's CPU
    /// at 400 webhooks/s, bench/NOTES.md).
    /// </summary>
    public static IApplicationBuilder UseDashboardLocalization(this IApplicationBuilder app) => app.UseRequestLocalization(Options());

    public static RequestLocalizationOptions Options()
    {
        var cultures = DashboardCultures.Names.Select(CultureInfo.GetCultureInfo).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.GetCultureInfo(DashboardCultures.EnglishCulture)),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new AccountCultureProvider()],
        };
    }
}
