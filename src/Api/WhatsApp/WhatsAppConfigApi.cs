using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.WhatsApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.WhatsApp;

public sealed record WhatsAppConfigRequest(
    string? AccountSid,
    string? AuthToken,
    string? WhatsappNumber,
    bool? IsActive,
    bool? AutoResponseEnabled,
    string? AiApiKey,
    string? Mode);

public sealed record WhatsAppConfigResponse(
    ConfigStatus Status,
    string? AccountSid,
    string? WhatsappNumber,
    bool IsActive,
    bool AutoResponseEnabled,
    WhatsAppMode Mode,
    bool HasAuthToken,
    bool HasAiApiKey,
    ConnectionTestResult? LastConnectionTest,
    DateTimeOffset? UpdatedAt,
    string TwilioConsoleUrl)
{
    public static WhatsAppConfigResponse From(WhatsAppConfigView view) => new(
        view.Status, view.AccountSid, view.WhatsAppNumber, view.IsActive, view.AutoResponseEnabled, view.Mode,
        view.HasAuthToken, view.HasAiApiKey, view.LastConnectionTest, view.UpdatedAt, WhatsAppSettingsService.TwilioConsoleUrl);
}

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
