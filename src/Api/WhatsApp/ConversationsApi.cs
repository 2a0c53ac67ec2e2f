using System.Security.Claims;
using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.WhatsApp;

/// <summary>The conversations of the signed-in consultant: list, messages, manual replies, AI on/off, read, tags and notes.</summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/conversations").WithTags("Conversations").RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", List);
        group.MapGet("/{conversationId:guid}", Get);
        group.MapGet("/{conversationId:guid}/messages", Messages);
        group.MapPost("/{conversationId:guid}/send", Send);
        group.MapPost("/{conversationId:guid}/send-template", SendTemplate);
        group.MapPatch("/{conversationId:guid}/ai-toggle", ToggleAi);
        group.MapPatch("/{conversationId:guid}/mark-read", MarkRead);
        group.MapPatch("/{conversationId:guid}/metadata", SetMetadata);
        group.MapPost("/{conversationId:guid}/link-client", LinkClient);
        group.MapPost("/{conversationId:guid}/add-client", ConversationClientApi.AddClient);
        group.MapPut("/{conversationId:guid}/language", ConversationLanguageApi.SetLanguage);
        endpoints.MapGet("/api/whatsapp/messages/failed", ListFailed).WithTags("Conversations").RequireAuthorization(AuthSchemes.ApiPolicy);
        return endpoints;
    }

    private static async Task<Results<Ok<ConversationPageResponse>, ValidationProblem>> List(
        HttpContext http, ConversationService conversations, AccountSettingsService accountSettings,
        string? filter, string? period, string? search, int? page, int? pageSize)
    {
        if (!Enum.TryParse<ConversationFilter>(filter ?? nameof(ConversationFilter.All), ignoreCase: true, out var parsed)
            || !Enum.IsDefined(parsed))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["filter"] = ["One of all, leads, clients, unread, needsReply, newLeads, active, failed."],
            });
        }

        if (!CalendarPeriodNames.TryParse(period, out var calendarPeriod))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["period"] = ["One of today, week (in your time zone, weeks from Monday), or none for all time."],
            });
        }

        var consultantId = http.User.GetConsultantId();
        var range = await accountSettings.GetRangeAsync(consultantId, calendarPeriod);
        var result = await conversations.ListAsync(consultantId, parsed, search, page ?? 1, pageSize ?? 50, range);
        return TypedResults.Ok(new ConversationPageResponse(
            result.Items.Select(ConversationResponse.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ConversationResponse>, NotFound>> Get(Guid conversationId, HttpContext http, ConversationService conversations) =>
        await conversations.GetAsync(http.User.GetConsultantId(), conversationId) is { } item
            ? TypedResults.Ok(ConversationResponse.From(item))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<MessagePage>, NotFound>> Messages(
        Guid conversationId, HttpContext http, ConversationService conversations, Guid? before, int? limit) =>
        await conversations.GetMessagesAsync(http.User.GetConsultantId(), conversationId, before, limit ?? 50) is { } page
            ? TypedResults.Ok(page)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ConsultantSendResult>, NotFound, ValidationProblem, ProblemHttpResult>> Send(
        Guid conversationId, SendMessageRequest request, HttpContext http, ConversationService conversations)
    {
        var result = await conversations.SendAsync(
            http.User.GetConsultantId(), conversationId, request.MessageText, ConsultantName(http.User), request.ConfirmOptedOut,
            idempotencyKey: SendResults.IdempotencyKeyOf(http));
        return SendResults.ToHttp(http, result);
    }

    private static async Task<Results<Ok<ConsultantSendResult>, NotFound, ValidationProblem, ProblemHttpResult>> SendTemplate(
        Guid conversationId, SendTemplateRequest request, HttpContext http, ConversationService conversations)
    {
        if (request.TemplateId is not { } templateId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["templateId"] = ["Which template to send."] });
        }

        var result = await conversations.SendTemplateAsync(
            http.User.GetConsultantId(), conversationId, templateId, request.Variables, ConsultantName(http.User), request.ConfirmOptedOut,
            SendResults.IdempotencyKeyOf(http));
        return SendResults.ToHttp(http, result);
    }

    private static async Task<Results<Ok<ConversationView>, NotFound, ValidationProblem>> ToggleAi(
        Guid conversationId, AiToggleRequest request, HttpContext http, ConversationService conversations)
    {
        if (request.AiEnabled is not { } enabled)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["aiEnabled"] = ["true or false."] });
        }

        return await conversations.SetAiEnabledAsync(http.User.GetConsultantId(), conversationId, enabled, ConsultantName(http.User)) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ConversationView>, NotFound>> MarkRead(Guid conversationId, HttpContext http, ConversationService conversations) =>
        await conversations.MarkReadAsync(http.User.GetConsultantId(), conversationId) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ConversationResponse>, NotFound, ValidationProblem>> SetMetadata(
        Guid conversationId, MetadataRequest request, HttpContext http, ConversationService conversations)
    {
        var result = await conversations.SetMetadataAsync(http.User.GetConsultantId(), conversationId, request.Tags, request.Notes);
        return result switch
        {
            { NotFound: true } => TypedResults.NotFound(),
            { Value: { } item } => TypedResults.Ok(ConversationResponse.From(item)),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    /// <summary>The contact (known by a WhatsApp user id) is this client: 404 when either is not the consultant's.</summary>
    private static async Task<Results<Ok<ConversationResponse>, NotFound, ValidationProblem>> LinkClient(
        Guid conversationId, LinkClientRequest request, HttpContext http, ContactLinks links)
    {
        var result = await links.LinkClientAsync(http.User.GetConsultantId(), conversationId, request.ClientId);
        return result switch
        {
            { NotFound: true } => TypedResults.NotFound(),
            { Value: { } item } => TypedResults.Ok(ConversationResponse.From(item)),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    private static Task<IReadOnlyList<ChatMessageView>> ListFailed(HttpContext http, ConversationService conversations) =>
        conversations.ListFailedAsync(http.User.GetConsultantId());

    internal static string ConsultantName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "consultant";
}
