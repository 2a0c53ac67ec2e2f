using Consultant.Api.Auth;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Consultant.Silo;

/// <summary>
/// The Orleans Dashboard shows the whole cluster (every tenant's grains, reminders and, through its trace stream, the
/// silo's log): administrators only, and the trace stream only when an operator turns it on.
/// </summary>
internal static class OrleansDashboardEndpoints
{
    public const string RoutePrefix = "/orleans";
    public const string EnableTraceKey = "OrleansDashboard:EnableTrace";

    public static void ConfigureTrace(ISiloBuilder silo) =>
        silo.Services.AddOptions<DashboardOptions>().Configure<IConfiguration>((options, configuration) =>
            options.HideTrace = !configuration.GetValue<bool>(EnableTraceKey));

    public static void MapOrleansDashboardForAdministrators(this WebApplication app) =>
        app.MapOrleansDashboard(routePrefix: RoutePrefix)
            .RequireAuthorization(AuthSchemes.OperatorDashboardPolicy)
            .ExcludeFromDescription() // the operators' pages, not the API: not in /openapi/v1.json
            // Turned off, the trace stream does not exist (404), rather than the dashboard's own 403.
            .AddEndpointFilter(async (context, next) =>
                IsTrace(context.HttpContext)
                && context.HttpContext.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value.HideTrace
                    ? Results.NotFound()
                    : await next(context));

    private static bool IsTrace(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
        && pattern.TrimEnd('/').EndsWith("/Trace", StringComparison.OrdinalIgnoreCase);
}
