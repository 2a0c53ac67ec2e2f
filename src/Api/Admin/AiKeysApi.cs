using Consultant.Api.Analytics;
using Consultant.Api.Auth;
using Consultant.Grains.Ai;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.Grains.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Admin;

/// <summary>The global AI key pool used for leads. Admins only; keys are never returned, only a hint.</summary>
public static class AiKeysApi
{
    public static IEndpointRouteBuilder MapAiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/ai-keys").WithTags(ApiTags.Admin).RequireAuthorization(AuthSchemes.AdminPolicy);
        group.MapGet("/", ListKeys).WithName("ListAiKeys").WithSummary("The pool's keys (a hint of each, never the key), with today's use and quota");
        group.MapPost("/", AddKey).WithName("AddAiKey").WithSummary("Adds a key to the pool, with an optional daily quota; leads waiting for one are answered")
            .Produces<PoolKeyInfo>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid);
        group.MapPatch("/{keyId:guid}", SetQuota).WithName("SetAiKeyQuota").WithSummary("Sets a key's daily quota (null: none)")
            .Produces<PoolKeyInfo>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapDelete("/{keyId:guid}", RemoveKey).WithName("RemoveAiKey").WithSummary("Removes a key from the pool");
        group.MapGet("/usage", Usage).WithName("GetAiKeyUsage")
            .WithSummary("Calls, 429s and errors per key per day (Pacific time, as Gemini counts quotas) and each key's share")
            .Produces<KeyPoolUsage>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/usage.csv", UsageCsv).WithName("GetAiKeyUsageCsv")
            .WithSummary("The per key per day rows of /api/admin/ai-keys/usage as a CSV download with a header row")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/alerts", Alerts).WithName("ListAiKeyAlerts")
            .WithSummary("Keys at 80 % or more of today's quota, or resting after 429s, with what to do");
        return endpoints;
    }

    private static Task<IReadOnlyList<PoolKeyInfo>> ListKeys(PoolKeyService keys) => keys.ListAsync();

    private static async Task<IResult> AddKey(AddAiKeyRequest request, PoolKeyService keys) =>
        (await keys.AddAsync(new PoolKeyInput(request.Label, request.ApiKey, request.RequestsPerDay)))
            .ToHttpResult(info => TypedResults.Created($"/api/admin/ai-keys/{info.Id}", info));

    private static async Task<IResult> SetQuota(Guid keyId, AiKeyQuotaRequest request, PoolKeyService keys) =>
        (await keys.SetQuotaAsync(keyId, request.RequestsPerDay)).ToHttpResult();

    private static async Task<Results<NoContent, NotFound>> RemoveKey(Guid keyId, PoolKeyService keys) =>
        await keys.RemoveAsync(keyId) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary><c>from</c>/<c>to</c> are Pacific dates (YYYY-MM-DD, at most 366 days); 400 naming the field otherwise.</summary>
    private static async Task<IResult> Usage(string? from, string? to, KeyPoolUsageQuery usage)
    {
        var period = AnalyticsPeriod.Parse(from, to);
        return period.Problem is { } problem ? problem.ToHttpResult() : TypedResults.Ok(await usage.GetAsync(period.Value!));
    }

    /// <summary>The same rows as CSV; also the Analytics page's download for administrators (with the dashboard's cookie).</summary>
    public static async Task<IResult> UsageCsv(string? from, string? to, KeyPoolUsageQuery usage)
    {
        var period = AnalyticsPeriod.Parse(from, to);
        return period.Problem is { } problem
            ? problem.ToHttpResult()
            : CsvFile.Of(await KeyPoolUsageCsv.ToStringAsync(await usage.GetAsync(period.Value!)), KeyPoolUsageCsv.FileName(period.Value!));
    }

    private static Task<IReadOnlyList<KeyPoolAlert>> Alerts(KeyPoolAlerts alerts) => alerts.ListAsync();
}
