using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Settings;

/// <summary>
/// The consultant's own AI key and whether it answers their leads too; saved without any Twilio settings. The key
/// never comes back: only whether one is saved and its last four characters.
/// </summary>
public static class AiSettingsApi
{
    public static IEndpointRouteBuilder MapAiSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/ai-settings").WithTags("WhatsApp settings").RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", Get);
        group.MapPut("/", Save);
        return endpoints;
    }

    private static Task<AiSettingsView> Get(HttpContext http, WhatsAppSettingsService settings) =>
        settings.GetAiAsync(http.User.GetConsultantId());

    private static async Task<Results<Ok<AiSettingsView>, ValidationProblem>> Save(
        AiSettingsRequest request, HttpContext http, WhatsAppSettingsService settings)
    {
        var (saved, errors) = await settings.SaveAiAsync(
            http.User.GetConsultantId(), new AiSettingsUpdate(request.AiApiKey, request.AnswerLeadsWithOwnKey));
        return saved is null ? TypedResults.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(saved);
    }
}
