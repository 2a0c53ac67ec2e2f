using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.WhatsApp;

public sealed record AssistantSettingsRequest(string? Persona, string? AcquisitionScript);

/// <summary>The assistant's persona (clients) and acquisition script (leads). Empty text restores the default.</summary>
public static class AssistantSettingsApi
{
    public const int MaxLength = 8000;

    public static IEndpointRouteBuilder MapAssistantSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/assistant").WithTags("WhatsApp settings").RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", Get);
        group.MapPut("/", Save);
        return endpoints;
    }

    private static Task<AssistantSettings> Get(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IConsultantGrain>(http.User.GetConsultantId()).GetAssistantSettingsAsync();

    private static async Task<Results<Ok<AssistantSettings>, ValidationProblem>> Save(
        AssistantSettingsRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Persona is { Length: > MaxLength })
        {
            errors["persona"] = [$"The persona can have at most {MaxLength} characters."];
        }

        if (request.AcquisitionScript is { Length: > MaxLength })
        {
            errors["acquisitionScript"] = [$"The acquisition script can have at most {MaxLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await grains.GetGrain<IConsultantGrain>(http.User.GetConsultantId())
            .SaveAssistantSettingsAsync(new AssistantSettings(request.Persona ?? "", request.AcquisitionScript ?? "")));
    }
}
