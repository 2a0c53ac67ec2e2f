using Consultant.Api.Auth;
using Consultant.Api.Broadcasts;
using Consultant.Grains.Broadcasts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Web.Broadcasts;

/// <summary>
/// A broadcast's recipients as CSV for the dashboard: the browser downloads it with its cookie (the page cannot send
/// the API's bearer token), through the API's own handler, so the page's file and the API's are the same and another
/// consultant's broadcast is not found.
/// </summary>
public static class BroadcastDownloads
{
    public static IEndpointRouteBuilder MapBroadcastDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/broadcasts/{id:guid}/recipients.csv",
                (Guid id, HttpContext http, BroadcastService broadcasts) => BroadcastsApi.RecipientsCsv(id, http, broadcasts))
            .RequireAuthorization(AuthSchemes.DashboardPolicy).ExcludeFromDescription();
        return endpoints;
    }

    public static string Href(Guid id) => $"/broadcasts/{id}/recipients.csv";
}
