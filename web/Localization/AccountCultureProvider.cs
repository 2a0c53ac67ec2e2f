using System.Security.Claims;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Web.Localization;

/// <summary>
/// The dashboard speaks the signed-in consultant's chosen language (account settings), else the browser's. Blazor
/// keeps the culture of the request that opens the circuit (<c>/_blazor</c>), so switching language reloads the page.
/// </summary>
public sealed class AccountCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var browserLanguages = httpContext.Request.Headers.AcceptLanguage.ToString();
        var uiCulture = UiCultures.FromBrowser(browserLanguages);
        if (IsDashboardRequest(httpContext.Request.Path)
            && httpContext.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier), out var consultantId))
        {
            var settings = httpContext.RequestServices.GetRequiredService<AccountSettingsService>();
            uiCulture = (await settings.GetAsync(consultantId, browserLanguages)).UiCulture;
        }

        return new ProviderCultureResult(DashboardCultures.NameOf(uiCulture));
    }

    /// <summary>Pages and the circuit's connection; not the API (English problem details), files or the Orleans Dashboard.</summary>
    private static bool IsDashboardRequest(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/orleans") && !path.StartsWithSegments("/_framework")
        && !path.StartsWithSegments("/_content") && !Path.HasExtension(path.Value);
}
