using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Settings;

public static class WhatsAppConfigApi
{
    public static IEndpointRouteBuilder MapWhatsAppConfigApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/config").WithTags("WhatsApp settings")
            .RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", GetConfig);
        group.MapPost("/", SaveConfig);
        group.MapPost("/test", TestConnection);
        return endpoints;
    }

    private static async Task<Ok<WhatsAppConfigResponse>> GetConfig(HttpContext http, WhatsAppSettingsService settings) =>
        TypedResults.Ok(WhatsAppConfigResponse.From(await settings.GetAsync(http.User.GetConsultantId())));

    private static async Task<Results<Ok<WhatsAppConfigResponse>, ValidationProblem, ProblemHttpResult>> SaveConfig(
        WhatsAppConfigRequest request, HttpContext http, WhatsAppSettingsService settings)
    {
        var result = await settings.SaveAsync(http.User.GetConsultantId(), new WhatsAppConfigForm(
            request.AccountSid, request.AuthToken, request.WhatsappNumber, request.IsActive ?? true,
            request.AutoResponseEnabled ?? true, request.AiApiKey, request.Mode));
        return result.Outcome switch
        {
            SaveSettingsOutcome.Saved => TypedResults.Ok(WhatsAppConfigResponse.From(result.Config!)),
            SaveSettingsOutcome.NumberTaken => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "WhatsApp number already in use",
                detail: result.Errors.ToString(),
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.ToDictionary() }),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    private static async Task<Ok<ConnectionTestResult>> TestConnection(
        HttpContext http, WhatsAppSettingsService settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.TestConnectionAsync(http.User.GetConsultantId(), cancellationToken));
}
