using Consultant.Api.Auth;
using Consultant.Grains.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Clients;

/// <summary>A client's records: workout plan and exercise log, finance snapshot, consultations.</summary>
internal static class ClientRecordsApi
{
    public static RouteGroupBuilder MapClientRecordsApi(this RouteGroupBuilder clients)
    {
        clients.MapGet("/{clientId:guid}/records", GetRecords);
        clients.MapPut("/{clientId:guid}/workout-plan", SaveWorkoutPlan);
        clients.MapPost("/{clientId:guid}/exercise-logs", AddExerciseLog);
        clients.MapDelete("/{clientId:guid}/exercise-logs/{entryId:guid}", DeleteExerciseLog);
        clients.MapPut("/{clientId:guid}/finance", SaveFinance);
        clients.MapPost("/{clientId:guid}/consultations", AddConsultation);
        clients.MapDelete("/{clientId:guid}/consultations/{consultationId:guid}", DeleteConsultation);
        return clients;
    }

    private static async Task<Results<Ok<ClientRecords>, NotFound>> GetRecords(Guid clientId, HttpContext http, ClientRecordsService records) =>
        await records.GetAsync(http.User.GetConsultantId(), clientId) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    private static async Task<Results<Ok<ClientRecords>, NotFound, ValidationProblem>> SaveWorkoutPlan(
        Guid clientId, WorkoutPlanInput input, HttpContext http, ClientRecordsService records) =>
        await Respond(http, clientId, records, await records.SaveWorkoutPlanAsync(http.User.GetConsultantId(), clientId, input));

    private static async Task<Results<Ok<ClientRecords>, NotFound, ValidationProblem>> AddExerciseLog(
        Guid clientId, ExerciseLogInput input, HttpContext http, ClientRecordsService records) =>
        await Respond(http, clientId, records, await records.AddExerciseLogAsync(http.User.GetConsultantId(), clientId, input));

    private static async Task<Results<Ok<ClientRecords>, NotFound, ValidationProblem>> SaveFinance(
        Guid clientId, FinanceInput input, HttpContext http, ClientRecordsService records) =>
        await Respond(http, clientId, records, await records.SaveFinanceAsync(http.User.GetConsultantId(), clientId, input));

    private static async Task<Results<Ok<ClientRecords>, NotFound, ValidationProblem>> AddConsultation(
        Guid clientId, ConsultationInput input, HttpContext http, ClientRecordsService records) =>
        await Respond(http, clientId, records, await records.AddConsultationAsync(http.User.GetConsultantId(), clientId, input));

    private static async Task<Results<NoContent, NotFound>> DeleteExerciseLog(
        Guid clientId, Guid entryId, HttpContext http, ClientRecordsService records) =>
        await records.DeleteExerciseLogAsync(http.User.GetConsultantId(), clientId, entryId) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteConsultation(
        Guid clientId, Guid consultationId, HttpContext http, ClientRecordsService records) =>
        await records.DeleteConsultationAsync(http.User.GetConsultantId(), clientId, consultationId) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>After a change the whole record set comes back, so the caller sees what the AI will see.</summary>
    private static async Task<Results<Ok<ClientRecords>, NotFound, ValidationProblem>> Respond(
        HttpContext http, Guid clientId, ClientRecordsService records, RecordResult result) => result.Outcome switch
        {
            RecordOutcome.Saved => TypedResults.Ok((await records.GetAsync(http.User.GetConsultantId(), clientId))!),
            RecordOutcome.ClientNotFound => TypedResults.NotFound(),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
}
