using Consultant.Api.Auth;
using Consultant.Grains.Ai;
using Consultant.Grains.Replying;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Admin;

/// <summary>The global AI key pool used for leads. Admins only; keys are never returned, only a hint.</summary>
public static class AiKeysApi
{
    public static IEndpointRouteBuilder MapAiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/ai-keys").WithTags("Admin").RequireAuthorization(AuthSchemes.AdminPolicy);
        group.MapGet("/", ListKeys);
        group.MapPost("/", AddKey);
        group.MapDelete("/{keyId:guid}", RemoveKey);
        return endpoints;
    }

    private static Task<IReadOnlyList<PoolKeyInfo>> ListKeys(AiKeyPool pool) => pool.ListAsync();

    private static async Task<Results<Created<PoolKeyInfo>, ValidationProblem>> AddKey(
        AddAiKeyRequest request, AiKeyPool pool, AwaitingAiKeyReplies awaiting)
    {
        var apiKey = request.ApiKey?.Trim();
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 512)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["apiKey"] = ["An API key (at most 512 characters) is required."] });
        }

        var label = string.IsNullOrWhiteSpace(request.Label) ? "key" : request.Label.Trim();
        var info = await pool.AddAsync(label, apiKey);
        await awaiting.RetryAsync(consultantId: null); // leads that found the pool empty are answered now
        return TypedResults.Created($"/api/admin/ai-keys/{info.Id}", info);
    }

    private static async Task<Results<NoContent, NotFound>> RemoveKey(Guid keyId, AiKeyPool pool) =>
        await pool.RemoveAsync(keyId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
