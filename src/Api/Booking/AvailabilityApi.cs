using Consultant.Api.Auth;
using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Booking;

/// <summary>The signed-in consultant's availability for booking, and the free slots it leaves.</summary>
public static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/booking").WithTags(ApiTags.Booking).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/availability", Get).WithName("GetAvailability")
            .WithSummary("Working hours, consultation length, buffer, notice, horizon, days off and fixed meeting link (defaults until saved)")
            .Produces<BookingAvailability>();
        group.MapPut("/availability", Save).WithName("SaveAvailability")
            .WithSummary("Replaces the availability; a field left out takes its default; 400 names each bad field")
            .Produces<BookingAvailability>().ProducesProblems(ProblemKind.Invalid);
        group.MapGet("/slots", Slots).WithName("GetFreeSlots")
            .WithSummary("Free slots on the local dates from..to (YYYY-MM-DD), in the consultant's time zone")
            .Produces<FreeSlots>().ProducesProblems(ProblemKind.Invalid);
        return endpoints;
    }

    private static async Task<IResult> Get(HttpContext http, AvailabilityService availability) =>
        TypedResults.Ok(await availability.GetAsync(http.User.GetConsultantId()));

    private static async Task<IResult> Save(AvailabilityInput input, HttpContext http, AvailabilityService availability) =>
        (await availability.SaveAsync(http.User.GetConsultantId(), input)).ToHttpResult();

    private static async Task<IResult> Slots(HttpContext http, BookingService bookings, AvailabilityService availability, string? from, string? to)
    {
        var period = AnalyticsPeriod.Parse(from, to);
        if (period.Problem is { } problem)
        {
            return problem.ToHttpResult();
        }

        var consultantId = http.User.GetConsultantId();
        var zone = (await availability.GetAsync(consultantId)).TimeZone;
        return TypedResults.Ok(new FreeSlots(zone, await bookings.FindSlotsAsync(consultantId, period.Value!)));
    }
}
