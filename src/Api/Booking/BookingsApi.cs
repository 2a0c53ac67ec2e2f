using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Booking;

/// <summary>
/// The consultant's bookings: list, book for a conversation or a client, cancel, move. 400 for bad input (past time,
/// outside the working hours, malformed) naming the field, 409 when the time is taken, 404 for another consultant's.
/// A change is told to the contact in the chat; <c>contactMessage</c> says whether it went out, and why not.
/// </summary>
public static class BookingsApi
{
    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/bookings").WithTags(ApiTags.Booking).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", List).WithName("ListBookings")
            .WithSummary("Consultations starting on the local dates from..to (YYYY-MM-DD), with the slots held for contacts now")
            .Produces<IReadOnlyList<BookedConsultation>>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/{bookingId:guid}", Get).WithName("GetBooking").WithSummary("One booking")
            .Produces<BookedConsultation>().ProducesProblems(ProblemKind.NotFound);
        group.MapPost("/", Book).WithName("Book")
            .WithSummary("Books a consultation for a conversation or a client (duration: the availability's length when not given)")
            .Produces<BookingChangeResponse>(StatusCodes.Status201Created)
            .ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPost("/{bookingId:guid}/cancel", Cancel).WithName("CancelBooking").WithSummary("Cancels a scheduled consultation")
            .Produces<BookingChangeResponse>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapPost("/{bookingId:guid}/reschedule", Reschedule).WithName("RescheduleBooking")
            .WithSummary("Moves a scheduled consultation to a new start, same duration")
            .Produces<BookingChangeResponse>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        return endpoints;
    }

    private static async Task<IResult> List(HttpContext http, BookingService bookings, string? from, string? to)
    {
        var period = AnalyticsPeriod.Parse(from, to);
        return period.Problem is { } problem
            ? problem.ToHttpResult()
            : TypedResults.Ok(await bookings.WithContactAddressesAsync(
                http.User.GetConsultantId(), await bookings.ListAsync(http.User.GetConsultantId(), period.Value!)));
    }

    private static async Task<IResult> Get(Guid bookingId, HttpContext http, BookingService bookings) =>
        await bookings.FindAsync(http.User.GetConsultantId(), bookingId) is { } booking
            ? TypedResults.Ok((await bookings.WithContactAddressesAsync(http.User.GetConsultantId(), [booking]))[0])
            : TypedResults.NotFound();

    private static async Task<IResult> Book(BookingRequest request, HttpContext http, ConsultantBookingChanges bookings) =>
        (await bookings.BookAsync(http.User.GetConsultantId(), request))
            .ToHttpResult(change => TypedResults.Created($"/api/bookings/{change.Booking.Id}", BookingChangeResponse.Of(change)));

    private static async Task<IResult> Cancel(Guid bookingId, CancelBookingRequest? request, HttpContext http, ConsultantBookingChanges bookings) =>
        (await bookings.CancelAsync(http.User.GetConsultantId(), bookingId, request?.Reason)).ToHttpResult(change => TypedResults.Ok(BookingChangeResponse.Of(change)));

    private static async Task<IResult> Reschedule(Guid bookingId, RescheduleBookingRequest request, HttpContext http, ConsultantBookingChanges bookings) =>
        (await bookings.RescheduleAsync(http.User.GetConsultantId(), bookingId, request.StartsAt)).ToHttpResult(change => TypedResults.Ok(BookingChangeResponse.Of(change)));
}
