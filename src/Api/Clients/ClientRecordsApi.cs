using Consultant.Api.Auth;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Clients;

/// <summary>
/// A client's records: workout plan and exercise log, finance snapshot, consultations. After a change the whole
/// record set comes back, so the caller sees what the AI will see.
/// </summary>
internal static class ClientRecordsApi
{
    public static RouteGroupBuilder MapClientRecordsApi(this RouteGroupBuilder clients)
    {
        clients.MapGet("/{clientId:guid}/records", GetRecords).WithName("GetClientRecords").WithSummary("The client's workouts, finances and consultations");
        Change(clients.MapPut("/{clientId:guid}/workout-plan", SaveWorkoutPlan)).WithName("SaveWorkoutPlan").WithSummary("Replaces the workout plan");
        Change(clients.MapPost("/{clientId:guid}/exercise-logs", AddExerciseLog)).WithName("AddExerciseLog").WithSummary("Logs a training session");
        clients.MapDelete("/{clientId:guid}/exercise-logs/{entryId:guid}", DeleteExerciseLog)
            .WithName("DeleteExerciseLog").WithSummary("Removes a logged session");
        Change(clients.MapPut("/{clientId:guid}/finance", SaveFinance)).WithName("SaveFinance").WithSummary("Replaces the finance snapshot");
        Change(clients.MapPost("/{clientId:guid}/consultations", AddConsultation)).WithName("AddConsultation").WithSummary("Adds a consultation");
        clients.MapDelete("/{clientId:guid}/consultations/{consultationId:guid}", DeleteConsultation)
            .WithName("DeleteConsultation").WithSummary("Removes a consultation");
        return clients;
    }

    private static RouteHandlerBuilder Change(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ClientRecords>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound);

    private static async Task<Results<Ok<ClientRecords>, NotFound>> GetRecords(Guid clientId, HttpContext http, ClientRecordsService records) =>
        await records.GetAsync(http.User.GetConsultantId(), clientId) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<IResult> SaveWorkoutPlan(Guid clientId, WorkoutPlanInput input, HttpContext http, ClientRecordsService records) =>
        (await records.SaveWorkoutPlanAsync(http.User.GetConsultantId(), clientId, input)).ToHttpResult();

    private static async Task<IResult> AddExerciseLog(Guid clientId, ExerciseLogInput input, HttpContext http, ClientRecordsService records) =>
        (await records.AddExerciseLogAsync(http.User.GetConsultantId(), clientId, input)).ToHttpResult();

    private static async Task<IResult> SaveFinance(Guid clientId, FinanceInput input, HttpContext http, ClientRecordsService records) =>
        (await records.SaveFinanceAsync(http.User.GetConsultantId(), clientId, input)).ToHttpResult();

    private static async Task<IResult> AddConsultation(Guid clientId, ConsultationInput input, HttpContext http, ClientRecordsService records) =>
        (await records.AddConsultationAsync(http.User.GetConsultantId(), clientId, input)).ToHttpResult();

    private static async Task<Results<NoContent, NotFound>> DeleteExerciseLog(
        Guid clientId, Guid entryId, HttpContext http, ClientRecordsService records) =>
        await records.DeleteExerciseLogAsync(http.User.GetConsultantId(), clientId, entryId) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteConsultation(
        Guid clientId, Guid consultationId, HttpContext http, ClientRecordsService records) =>
        await records.DeleteConsultationAsync(http.User.GetConsultantId(), clientId, consultationId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
