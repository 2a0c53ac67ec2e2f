using Consultant.Api.Auth;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Consultant.Api.Inbox;

/// <summary>
/// Media files: served to the consultant who owns them (anyone else gets 404), with the stored type and headers
/// that stop a browser from running a file as a page; attachments sent by hand; and the public, expiring link
/// Twilio fetches an attachment from.
/// </summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/whatsapp/media/{mediaId:guid}", Get).WithTags("Media").RequireAuthorization(AuthSchemes.MediaPolicy);
        endpoints.MapGet("/api/whatsapp/media/public/{token}", GetPublic).WithTags("Media").AllowAnonymous();
        endpoints.MapPost("/api/whatsapp/conversations/{conversationId:guid}/attachments", SendAttachment)
            .WithTags("Conversations")
            .RequireAuthorization(AuthSchemes.ApiPolicy)
            .DisableAntiforgery(); // bearer tokens only: no cookie to forge with
        return endpoints;
    }

    private static async Task<IResult> Get(Guid mediaId, bool? download, HttpContext http, MediaRepository media, IMediaStore store)
    {
        var row = await media.FindAsync(http.User.GetConsultantId(), mediaId);
        return row is { Downloaded: true, LocalPath: { } path } && store.OpenRead(path) is { } stream
            ? Serve(http, stream, row, download == true)
            : Results.NotFound();
    }

    private static async Task<IResult> GetPublic(string token, HttpContext http, MediaRepository media, IMediaStore store, TimeProvider time)
    {
        if (token.Length is < 32 or > 64)
        {
            return Results.NotFound();
        }

        var row = await media.FindByPublicTokenAsync(token, time.GetUtcNow());
        return row is { LocalPath: { } path } && store.OpenRead(path) is { } stream
            ? Serve(http, stream, row, download: false)
            : Results.NotFound();
    }

    private static async Task<Results<Ok<Consultant.Grains.Abstractions.ConsultantSendResult>, NotFound, ValidationProblem, ProblemHttpResult>> SendAttachment(
        Guid conversationId, [FromForm] string? messageText, [FromForm] bool? confirmOptedOut, IFormFile? file, HttpContext http,
        ConversationService conversations, IOptions<MediaOptions> options)
    {
        if (file is null || file.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach a file (form field \"file\")."] });
        }

        if (file.Length > options.Value.MaxFileBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = [TwilioMediaDownloader.TooLarge(file.Length, options.Value.MaxFileBytes).Replace("Not kept", "Not sent", StringComparison.Ordinal)],
            });
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var result = await conversations.SendAsync(
            http.User.GetConsultantId(), conversationId, messageText, ConversationsApi.ConsultantName(http.User), confirmOptedOut == true,
            new AttachmentUpload(file.FileName, buffer.ToArray()), SendResults.IdempotencyKeyOf(http));
        return SendResults.ToHttp(http, result);
    }

    /// <summary>
    /// The file with its checked type. Only types a browser shows safely go inline; anything else is a download.
    /// nosniff and a sandboxing CSP keep a crafted file from running as a page on the dashboard's origin.
    /// </summary>
    private static IResult Serve(HttpContext http, Stream stream, MediaFileRow row, bool download)
    {
        var inline = !download && MediaKind.IsSafeInline(row.MimeType);
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        headers[HeaderNames.CacheControl] = "private, max-age=3600";
        if (inline)
        {
            headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = row.FileName }.ToString();
            return Results.Stream(stream, row.MimeType, enableRangeProcessing: true);
        }

        return Results.File(stream, "application/octet-stream", row.FileName, enableRangeProcessing: true);
    }
}
