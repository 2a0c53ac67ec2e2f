using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Settings;

/// <summary>The assistant's persona (clients) and acquisition script (leads). Empty text restores the default.</summary>
public static class AssistantSettingsApi
{
    public static IEndpointRouteBuilder MapAssistantSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/assistant").WithTags("WhatsApp settings").RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", Get);
        group.MapPut("/", Save);
        return endpoints;
    }

    private static Task<AssistantSettings> Get(HttpContext http, WhatsAppSettingsService settings) =>
        settings.GetAssistantAsync(http.User.GetConsultantId());

    private static async Task<Results<Ok<AssistantSettings>, ValidationProblem>> Save(
        AssistantSettingsRequest request, HttpContext http, WhatsAppSettingsService settings)
    {
        var (saved, errors) = await settings.SaveAssistantAsync(http.User.GetConsultantId(), request.Persona, request.AcquisitionScript);
        return saved is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(saved);
    }
}
