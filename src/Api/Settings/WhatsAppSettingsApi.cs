using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Settings;

/// <summary>
/// The consultant's WhatsApp settings group, each part saved on its own: the Twilio connection (the Auth Token never
/// comes back), their own AI key and whether it answers their leads too (only whether one is saved and its last four
/// characters come back), and the assistant's persona (clients) and acquisition script (leads; empty restores the default).
/// </summary>
public static class WhatsAppSettingsApi
{
    public static IEndpointRouteBuilder MapWhatsAppSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp").WithTags(ApiTags.Settings).RequireAuthorization(AuthSchemes.ApiPolicy);

        group.MapGet("/config", GetConfig).WithName("GetWhatsAppConfig").WithSummary("The Twilio connection and its last test");
        group.MapPost("/config", SaveConfig).WithName("SaveWhatsAppConfig").WithSummary("Saves the Twilio connection")
            .Produces<WhatsAppConfigResponse>().ProducesProblems(ProblemKind.Invalid, ProblemKind.Conflict);
        group.MapPost("/config/test", TestConnection).WithName("TestWhatsAppConnection").WithSummary("Tries the saved credentials with Twilio");

        group.MapGet("/ai-settings", GetAi).WithName("GetAiSettings").WithSummary("Whether an own AI key is saved (its last four characters) and answers leads");
        group.MapPut("/ai-settings", SaveAi).WithName("SaveAiSettings").WithSummary("Saves the own AI key (null keeps it, empty removes it)")
            .Produces<AiSettingsView>().ProducesProblems(ProblemKind.Invalid);

        group.MapGet("/assistant", GetAssistant).WithName("GetAssistantSettings").WithSummary("The assistant's persona and acquisition script");
        group.MapPut("/assistant", SaveAssistant).WithName("SaveAssistantSettings").WithSummary("Saves the persona and acquisition script")
            .Produces<AssistantSettings>().ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static async Task<WhatsAppConfigResponse> GetConfig(HttpContext http, WhatsAppSettingsService settings) =>
        WhatsAppConfigResponse.From(await settings.GetAsync(http.User.GetConsultantId()));

    private static async Task<IResult> SaveConfig(WhatsAppConfigRequest request, HttpContext http, WhatsAppSettingsService settings) =>
        (await settings.SaveAsync(http.User.GetConsultantId(), new WhatsAppConfigForm(
            request.AccountSid, request.AuthToken, request.WhatsappNumber, request.IsActive ?? true,
            request.AutoResponseEnabled ?? true, request.AiApiKey, request.Mode)))
            .ToHttpResult(config => TypedResults.Ok(WhatsAppConfigResponse.From(config)));

    private static Task<ConnectionTestResult> TestConnection(HttpContext http, WhatsAppSettingsService settings, CancellationToken cancellationToken) =>
        settings.TestConnectionAsync(http.User.GetConsultantId(), cancellationToken);

    private static Task<AiSettingsView> GetAi(HttpContext http, WhatsAppSettingsService settings) =>
        settings.GetAiAsync(http.User.GetConsultantId());

    private static async Task<IResult> SaveAi(AiSettingsRequest request, HttpContext http, WhatsAppSettingsService settings) =>
        (await settings.SaveAiAsync(http.User.GetConsultantId(), new AiSettingsUpdate(request.AiApiKey, request.AnswerLeadsWithOwnKey))).ToHttpResult();

    private static Task<AssistantSettings> GetAssistant(HttpContext http, WhatsAppSettingsService settings) =>
        settings.GetAssistantAsync(http.User.GetConsultantId());

    private static async Task<IResult> SaveAssistant(AssistantSettingsRequest request, HttpContext http, WhatsAppSettingsService settings) =>
        (await settings.SaveAssistantAsync(http.User.GetConsultantId(), request.Persona, request.AcquisitionScript)).ToHttpResult();
}
