using Consultant.Api.Auth;
using Consultant.Grains.Calendar;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Calendar;

/// <summary>
/// The signed-in consultant's Google Calendar connection: its status, a consent link, disconnecting, and the address
/// Google sends the browser back to (the dashboard's session: the state must be the signed-in consultant's).
/// </summary>
public static class GoogleCalendarConnectionApi
{
    /// <summary>The page the callback returns to, with <c>?googleCalendar=connected|refused|denied|failed</c>.</summary>
    public const string SettingsPage = "/settings/whatsapp";

    public const string OutcomeParameter = "googleCalendar";

    public static IEndpointRouteBuilder MapGoogleCalendarConnectionApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/calendar/google").WithTags(ApiTags.Calendar);
        group.MapGet("/", Status).RequireAuthorization(AuthSchemes.ApiPolicy).WithName("GetGoogleCalendarConnection")
            .WithSummary("Whether Google Calendar is set up and connected, as which account, and the last problem with what to do")
            .Produces<GoogleCalendarStatus>();
        group.MapPost("/connect", Connect).RequireAuthorization(AuthSchemes.ApiPolicy).WithName("ConnectGoogleCalendar")
            .WithSummary("A consent link (valid 10 minutes, once); open it in a browser signed in to the dashboard as the same consultant")
            .Produces<GoogleConsentLink>().ProducesProblems(ProblemKind.Conflict);
        group.MapDelete("/", Disconnect).RequireAuthorization(AuthSchemes.ApiPolicy).WithName("DisconnectGoogleCalendar")
            .WithSummary("Revokes the permission at Google and deletes it here; events already copied stay in the calendar")
            .Produces<GoogleDisconnectResult>();
        group.MapGet("/callback", Callback).RequireAuthorization(AuthSchemes.DashboardPolicy).WithName("GoogleCalendarCallback")
            .WithSummary("Where Google sends the browser back: checks the state, exchanges the code, and returns to the settings page")
            .Produces(StatusCodes.Status302Found);
        return endpoints;
    }

    private static async Task<IResult> Status(HttpContext http, GoogleCalendarConnections connections) =>
        TypedResults.Ok(await connections.GetStatusAsync(http.User.GetConsultantId()));

    /// <summary>409 naming <c>google</c> when the operator has not set <c>Google:ClientId</c>.</summary>
    private static async Task<IResult> Connect(HttpContext http, GoogleCalendarConnections connections) =>
        (await connections.StartAsync(http.User.GetConsultantId(), BaseUrlOf(http.Request))).ToHttpResult();

    private static async Task<IResult> Disconnect(HttpContext http, GoogleCalendarConnections connections) =>
        TypedResults.Ok(await connections.DisconnectAsync(http.User.GetConsultantId(), http.RequestAborted));

    private static async Task<IResult> Callback(HttpContext http, GoogleCalendarConnections connections, string? state, string? code, string? error)
    {
        var outcome = await connections.CompleteAsync(http.User.GetConsultantId(), state, code, error, http.RequestAborted);
        return TypedResults.Redirect($"{SettingsPage}?{OutcomeParameter}={outcome.ToString().ToLowerInvariant()}#google-calendar");
    }

    private static Uri BaseUrlOf(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}");
}
