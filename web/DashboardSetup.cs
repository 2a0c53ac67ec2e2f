using Consultant.Web.Accounts;
using Consultant.Web.Analytics;
using Consultant.Web.Broadcasts;
using Consultant.Web.Layout;
using Consultant.Web.Localization;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Consultant.Web;

public static class DashboardSetup
{
    public static IServiceCollection AddConsultantDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.TryAddSingleton(TimeProvider.System); // the pages tell the time as the grains do (a test can give its own)
        services.AddDashboardLocalization();
        services.AddScoped<ServiceMessages>();
        services.AddScoped<Refusals>();
        services.AddSingleton<Consultant.Web.Flows.FlowPreview>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        // Bottom right: a message never covers the app bar (and its Sign out button).
        services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        return services;
    }

    /// <summary>
    /// An error status without a body: a browser asking for a page gets the dashboard's "Page not found" (re-executed
    /// at <c>/not-found</c>, the status kept); the API and anything else keep RFC 7807 problem details. Two status-code
    /// middlewares, each switched off for the requests of the other (re-execution must be at the top level, where it
    /// can route again).
    /// </summary>
    public static WebApplication UseDashboardStatusCodePages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) => OnlyFor(context, next, pages: true));
        app.UseStatusCodePages();
        app.Use((context, next) => OnlyFor(context, next, pages: false));
        return app;
    }

    /// <summary>Switches off the status-code middleware just before this one unless the request is of its kind.</summary>
    private static Task OnlyFor(HttpContext context, RequestDelegate next, bool pages)
    {
        if (IsPageRequest(context) != pages && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        return next(context);
    }

    private static bool IsPageRequest(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static IEndpointRouteBuilder MapConsultantDashboard(this IEndpointRouteBuilder endpoints)
    {
        // Blazor's own frame-ancestors policy ('self' by default): no site, not even this one, frames the dashboard.
        endpoints.MapAnalyticsDownloads();
        endpoints.MapBroadcastDownloads();
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = "'none'");
        return endpoints;
    }
}
