using Consultant.Api.Auth;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Consultant.Api.Booking;

/// <summary>
/// Calendar files and the consultant's calendar feed. A file's or a feed's address carries its own secret and needs
/// no sign-in (a contact's phone, a calendar app); an unknown, expired, rotated or revoked one is 404. The feed's
/// address is made, rotated and revoked by the signed-in consultant.
/// </summary>
public static class BookingCalendarApi
{
    public static IEndpointRouteBuilder MapBookingCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(BookingLinks.CalendarFilePath + "{token}" + BookingLinks.Extension, GetFile).AllowAnonymous().WithTags(ApiTags.Booking)
            .WithName("GetCalendarFile").WithSummary("A consultation's calendar file, as it stands now (the link sent with its confirmation)")
            .Produces(StatusCodes.Status200OK, contentType: CalendarFile.ContentType).ProducesProblems(ProblemKind.NotFound);
        endpoints.MapGet(BookingLinks.CalendarFeedPath + "{token}" + BookingLinks.Extension, GetFeed).AllowAnonymous().WithTags(ApiTags.Booking)
            .WithName("GetCalendarFeed").WithSummary("The consultant's calendar feed (an ICS subscription)")
            .Produces(StatusCodes.Status200OK, contentType: CalendarFile.ContentType).ProducesProblems(ProblemKind.NotFound);

        var feed = endpoints.MapGroup("/api/booking/calendar-feed").WithTags(ApiTags.Booking).RequireAuthorization(AuthSchemes.ApiPolicy);
        feed.MapGet("/", GetFeedState).WithName("GetCalendarFeedState").WithSummary("Whether the calendar feed exists (its address is not kept)")
            .Produces<CalendarFeedResponse>();
        feed.MapPost("/", RotateFeed).WithName("RotateCalendarFeed")
            .WithSummary("Makes the calendar feed's address, replacing any earlier one; the address is shown only in this answer")
            .Produces<CalendarFeedResponse>();
        feed.MapDelete("/", RevokeFeed).WithName("RevokeCalendarFeed").WithSummary("Ends the calendar feed's address")
            .Produces(StatusCodes.Status204NoContent);
        return endpoints;
    }

    private static async Task<IResult> GetFile(string token, HttpContext http, CalendarDownloads downloads) =>
        Serve(http, await downloads.ConsultationFileAsync(token), attachment: true);

    private static async Task<IResult> GetFeed(string token, HttpContext http, CalendarDownloads downloads) =>
        Serve(http, await downloads.FeedAsync(token), attachment: false);

    private static async Task<IResult> GetFeedState(HttpContext http, CalendarFeedTokens feeds) =>
        await feeds.CreatedAtAsync(http.User.GetConsultantId()) is { } createdAt
            ? TypedResults.Ok(new CalendarFeedResponse(true, createdAt, null))
            : TypedResults.Ok(new CalendarFeedResponse(false, null, null));

    private static async Task<IResult> RotateFeed(HttpContext http, CalendarFeedTokens feeds)
    {
        var consultantId = http.User.GetConsultantId();
        var request = http.Request;
        var url = await feeds.RotateAsync(consultantId, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"));
        return TypedResults.Ok(new CalendarFeedResponse(true, await feeds.CreatedAtAsync(consultantId), url.ToString()));
    }

    private static async Task<IResult> RevokeFeed(HttpContext http, CalendarFeedTokens feeds)
    {
        await feeds.RevokeAsync(http.User.GetConsultantId());
        return TypedResults.NoContent();
    }

    /// <summary>Never cached by a proxy: the address is the credential, and the next download must show the change.</summary>
    private static IResult Serve(HttpContext http, CalendarDownload? download, bool attachment)
    {
        if (download is null)
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.CacheControl] = "no-store";
        headers[HeaderNames.ContentDisposition] =
            new ContentDispositionHeaderValue(attachment ? "attachment" : "inline") { FileNameStar = download.FileName }.ToString();
        return Results.Text(download.Content, CalendarFile.ContentType + "; charset=utf-8");
    }
}
