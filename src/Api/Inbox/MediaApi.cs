using Consultant.Api.Auth;
using Consultant.Grains.Common;
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
        var media = endpoints.MapGroup("/api/whatsapp/media").WithTags(ApiTags.Inbox);
        media.MapGet("/{mediaId:guid}", Get).RequireAuthorization(AuthSchemes.MediaPolicy)
            .WithName("GetMedia").WithSummary("A media file of the consultant's (download=true: as an attachment)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblems(ProblemKind.NotFound);
        media.MapGet("/public/{token}", GetPublic).AllowAnonymous()
            .WithName("GetPublicMedia").WithSummary("An attachment sent by hand, for Twilio to fetch (an expiring link)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblems(ProblemKind.NotFound);
        return endpoints; // attachments are sent through the conversations group (ConversationsApi)
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
        if (token.Length is < MediaLinks.MinTokenLength or > MediaLinks.MaxTokenLength)
        {
            return Results.NotFound();
        }

        var row = await media.FindByPublicTokenAsync(token, time.GetUtcNow());
        return row is { LocalPath: { } path } && store.OpenRead(path) is { } stream
            ? Serve(http, stream, row, download: false)
            : Results.NotFound();
    }

    /// <summary>A file sent by hand with its caption: answered like every send (<see cref="ConversationsApi"/>).</summary>
    internal static async Task<IResult> SendAttachment(
        Guid conversationId, [FromForm] string? messageText, [FromForm] bool? confirmOptedOut, IFormFile? file, HttpContext http,
        ConversationService conversations, IOptions<MediaOptions> options)
    {
        if (file is null || file.Length == 0)
        {
            return Problem.Invalid("file", "Attach a file (form field \"file\").").ToHttpResult();
        }

        if (file.Length > options.Value.MaxFileBytes)
        {
            return Problem.Invalid("file", MediaProblemText.TooLarge(file.Length, options.Value.MaxFileBytes, sending: true))
                .ToHttpResult();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var result = await conversations.SendAsync(
            http.User.GetConsultantId(), conversationId, messageText, ConversationsApi.ConsultantName(http.User), confirmOptedOut == true,
            new AttachmentUpload(file.FileName, buffer.ToArray()), IdempotencyKeyHeader.Of(http.Request));
        return result.ToHttpResult();
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
