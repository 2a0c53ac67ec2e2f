using Consultant.Api.Auth;
using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Inbox;

/// <summary>The Overview's counts, in the consultant's time zone.</summary>
public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/whatsapp/overview", Get).WithTags(ApiTags.Inbox).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("GetOverview").WithSummary("Today's and this week's counts: new leads, messages, failed sends, waiting replies");
        return endpoints;
    }

    private static async Task<OverviewResponse> Get(HttpContext http, AccountSettingsService settings, OverviewQueries overview)
    {
        var consultantId = http.User.GetConsultantId();
        var calendar = await settings.GetCalendarAsync(consultantId);
        return new OverviewResponse(await overview.CountAsync(consultantId, calendar), calendar);
    }
}
