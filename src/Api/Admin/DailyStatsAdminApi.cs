using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Admin;

/// <summary>Administrators recompute stored daily statistics (after a fix, or data that arrived late). Admins only.</summary>
public static class DailyStatsAdminApi
{
    public static IEndpointRouteBuilder MapDailyStatsAdminApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/admin/analytics/daily/recompute", Recompute).WithTags(ApiTags.Admin)
            .RequireAuthorization(AuthSchemes.AdminPolicy).WithName("RecomputeDailyStats")
            .WithSummary("Computes again and rewrites the closed days from..to of one consultant or all; the same data give the same rows")
            .Produces<DailyStatsClosed>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        return endpoints;
    }

    private static async Task<IResult> Recompute(DailyStatsRecomputeRequest request, DailyStatsClosing closing) =>
        (await closing.RecomputeAsync(request.ConsultantId, request.From, request.To)).ToHttpResult();
}
