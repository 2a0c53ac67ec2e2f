using System.Security.Claims;
using Consultant.Api.Auth;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Inbox;

/// <summary>
/// The conversations of the signed-in consultant: list, messages, manual replies, AI on/off, read, tags and notes.
/// A send with an Idempotency-Key header is done once; a replay answers as the first time with
/// <c>Idempotent-Replayed: true</c>, and 409 while the same key's first request is still being sent.
/// </summary>
public static class ConversationsApi
{
    public const int DefaultPageSize = 50;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/conversations").WithTags(ApiTags.Inbox).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", List).WithName("ListConversations").WithSummary("A page of conversations, filtered and searched")
            .Produces<ConversationPageResponse>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/{conversationId:guid}", Get).WithName("GetConversation").WithSummary("One conversation");
        group.MapGet("/{conversationId:guid}/messages", Messages).WithName("ListMessages").WithSummary("A conversation's messages, newest first");
        Sending(group.MapPost("/{conversationId:guid}/send", Send)).WithName("SendMessage").WithSummary("Sends a message by hand");
        Sending(group.MapPost("/{conversationId:guid}/send-template", SendTemplate))
            .WithName("SendTemplate").WithSummary("Sends an approved template (also after the 24-hour window)");
        group.MapPatch("/{conversationId:guid}/ai-toggle", ToggleAi).WithName("SetAiEnabled").WithSummary("Turns the AI's answers on or off")
            .Produces<ConversationView>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapPatch("/{conversationId:guid}/mark-read", MarkRead).WithName("MarkConversationRead").WithSummary("Marks the conversation read");
        group.MapPatch("/{conversationId:guid}/clear-needs-reply", ClearNeedsReply).WithName("ClearNeedsReply")
            .WithSummary("Takes \"needs reply\" off: you dealt with the conversation another way");
        group.MapPatch("/{conversationId:guid}/metadata", SetMetadata).WithName("SetConversationMetadata").WithSummary("Sets the tags and notes")
            .Produces<ConversationResponse>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapPost("/{conversationId:guid}/link-client", LinkClient)
            .WithName("LinkConversationToClient").WithSummary("Says which client a contact known by a WhatsApp user id is")
            .Produces<ConversationResponse>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapPost("/{conversationId:guid}/add-client", ConversationClientApi.AddClient)
            .WithName("AddClientFromConversation").WithSummary("Adds a lead's contact as a new client")
            .Produces<AddClientResponse>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPut("/{conversationId:guid}/language", ConversationLanguageApi.SetLanguage)
            .WithName("SetConversationLanguage").WithSummary("Sets the contact's language (it, en, es, fr) or returns it to automatic (null)")
            .Produces<ConversationResponse>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapGet("/{conversationId:guid}/time-zone", ConversationTimeZoneApi.GetTimeZone)
            .WithName("GetContactTimeZone").WithSummary("The contact's time zone and where it comes from")
            .Produces<ContactTimeZone>().ProducesProblems(ProblemKind.NotFound);
        group.MapPut("/{conversationId:guid}/time-zone", ConversationTimeZoneApi.SetTimeZone)
            .WithName("SetContactTimeZone").WithSummary("Sets the contact's time zone (IANA) or returns it to the zone of their number (null)")
            .Produces<ContactTimeZone>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);
        group.MapPost("/{conversationId:guid}/attachments", MediaApi.SendAttachment)
            .DisableAntiforgery() // bearer tokens only: no cookie to forge with
            .WithName("SendAttachment").WithSummary("Sends a file by hand (multipart: file, messageText, confirmOptedOut)")
            .Produces<ConsultantSendResult>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        endpoints.MapGet("/api/whatsapp/messages/failed", ListFailed).WithTags(ApiTags.Inbox).RequireAuthorization(AuthSchemes.ApiPolicy)
            .WithName("ListFailedMessages").WithSummary("Messages not sent or not delivered in the last week");
        return endpoints;
    }

    /// <summary>What every send answers: the message, or 400 naming the field, 404, 409 (the same key still being sent).</summary>
    private static RouteHandlerBuilder Sending(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ConsultantSendResult>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);

    private static async Task<IResult> List(
        HttpContext http, ConversationService conversations, AccountSettingsService accountSettings,
        string? filter, string? period, string? search, int? page, int? pageSize)
    {
        if (!Enum.TryParse<ConversationFilter>(filter ?? nameof(ConversationFilter.All), ignoreCase: true, out var parsed)
            || !Enum.IsDefined(parsed))
        {
            return Problem.Invalid("filter", "One of all, leads, clients, unread, needsReply, newLeads, active, failed.").ToHttpResult();
        }

        if (!CalendarPeriodNames.TryParse(period, out var calendarPeriod))
        {
            return Problem.Invalid("period", "One of today, week (in your time zone, weeks from Monday), or none for all time.").ToHttpResult();
        }

        var consultantId = http.User.GetConsultantId();
        var range = await accountSettings.GetRangeAsync(consultantId, calendarPeriod);
        var result = await conversations.ListAsync(consultantId, parsed, search, page ?? 1, pageSize ?? DefaultPageSize, range);
        return TypedResults.Ok(new ConversationPageResponse(
            result.Items.Select(ConversationResponse.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<ConversationResponse>, NotFound>> Get(Guid conversationId, HttpContext http, ConversationService conversations) =>
        await conversations.GetAsync(http.User.GetConsultantId(), conversationId) is { } item
            ? TypedResults.Ok(ConversationResponse.From(item))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<MessagePage>, NotFound>> Messages(
        Guid conversationId, HttpContext http, ConversationService conversations, Guid? before, int? limit) =>
        await conversations.GetMessagesAsync(http.User.GetConsultantId(), conversationId, before, limit ?? DefaultPageSize) is { } page
            ? TypedResults.Ok(page)
            : TypedResults.NotFound();

    private static async Task<IResult> Send(Guid conversationId, SendMessageRequest request, HttpContext http, ConversationService conversations) =>
        (await conversations.SendAsync(
            http.User.GetConsultantId(), conversationId, request.MessageText, ConsultantName(http.User), request.ConfirmOptedOut,
            idempotencyKey: IdempotencyKeyHeader.Of(http.Request))).ToHttpResult();

    private static async Task<IResult> SendTemplate(
        Guid conversationId, SendTemplateRequest request, HttpContext http, ConversationService conversations)
    {
        if (request.TemplateId is not { } templateId)
        {
            return Problem.Invalid("templateId", "Which template to send.").ToHttpResult();
        }

        return (await conversations.SendTemplateAsync(
            http.User.GetConsultantId(), conversationId, templateId, request.Variables, ConsultantName(http.User), request.ConfirmOptedOut,
            IdempotencyKeyHeader.Of(http.Request))).ToHttpResult();
    }

    private static async Task<IResult> ToggleAi(Guid conversationId, AiToggleRequest request, HttpContext http, ConversationService conversations)
    {
        if (request.AiEnabled is not { } enabled)
        {
            return Problem.Invalid("aiEnabled", "true or false.").ToHttpResult();
        }

        return await conversations.SetAiEnabledAsync(http.User.GetConsultantId(), conversationId, enabled, ConsultantName(http.User)) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ConversationView>, NotFound>> ClearNeedsReply(Guid conversationId, HttpContext http, ConversationService conversations) =>
        await conversations.ClearNeedsReplyAsync(http.User.GetConsultantId(), conversationId) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<ConversationView>, NotFound>> MarkRead(Guid conversationId, HttpContext http, ConversationService conversations) =>
        await conversations.MarkReadAsync(http.User.GetConsultantId(), conversationId) is { } view
            ? TypedResults.Ok(view)
            : TypedResults.NotFound();

    private static async Task<IResult> SetMetadata(Guid conversationId, MetadataRequest request, HttpContext http, ConversationService conversations) =>
        (await conversations.SetMetadataAsync(http.User.GetConsultantId(), conversationId, request.Tags, request.Notes))
            .ToHttpResult(item => TypedResults.Ok(ConversationResponse.From(item)));

    /// <summary>The contact (known by a WhatsApp user id) is this client: 404 when either is not the consultant's.</summary>
    private static async Task<IResult> LinkClient(Guid conversationId, LinkClientRequest request, HttpContext http, ContactLinks links) =>
        (await links.LinkClientAsync(http.User.GetConsultantId(), conversationId, request.ClientId))
            .ToHttpResult(item => TypedResults.Ok(ConversationResponse.From(item)));

    private static Task<IReadOnlyList<ChatMessageView>> ListFailed(HttpContext http, ConversationService conversations) =>
        conversations.ListFailedAsync(http.User.GetConsultantId());

    internal static string ConsultantName(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "consultant";
}
