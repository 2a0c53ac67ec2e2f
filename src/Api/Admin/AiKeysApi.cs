using Consultant.Api.Auth;
using Consultant.Grains.Ai;
using Consultant.Grains.Common;
using Consultant.Grains.Replying;
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
        group.MapGet("/", ListKeys).WithName("ListAiKeys").WithSummary("The pool's keys (a hint of each, never the key)");
        group.MapPost("/", AddKey).WithName("AddAiKey").WithSummary("Adds a key to the pool; leads waiting for one are answered")
            .Produces<PoolKeyInfo>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid);
        group.MapDelete("/{keyId:guid}", RemoveKey).WithName("RemoveAiKey").WithSummary("Removes a key from the pool");
        return endpoints;
    }

    private static Task<IReadOnlyList<PoolKeyInfo>> ListKeys(AiKeyPool pool) => pool.ListAsync();

    private static async Task<IResult> AddKey(AddAiKeyRequest request, AiKeyPool pool, AwaitingAiKeyReplies awaiting)
    {
        var apiKey = request.ApiKey?.Trim();
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > InputLimits.AiApiKeyLength)
        {
            return Problem.Invalid("apiKey", $"An API key (at most {InputLimits.AiApiKeyLength} characters) is required.").ToHttpResult();
        }

        var label = string.IsNullOrWhiteSpace(request.Label) ? "key" : request.Label.Trim();
        var info = await pool.AddAsync(label, apiKey);
        await awaiting.RetryAsync(consultantId: null); // leads that found the pool empty are answered now
        return TypedResults.Created($"/api/admin/ai-keys/{info.Id}", info);
    }

    private static async Task<Results<NoContent, NotFound>> RemoveKey(Guid keyId, AiKeyPool pool) =>
        await pool.RemoveAsync(keyId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
