using Consultant.Api.Auth;
using Consultant.Api.Inbox;
using Consultant.Grains.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Clients;

public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", ListClients);
        group.MapPost("/", CreateClient);
        group.MapGet("/{clientId:guid}", GetClient);
        group.MapPut("/{clientId:guid}", UpdateClient);
        group.MapDelete("/{clientId:guid}", DeleteClient);
        group.MapGet("/{clientId:guid}/conversations", ConversationClientApi.ConversationsOfClient);
        group.MapPost("/import", ClientImportEndpoint.Import).DisableAntiforgery(); // bearer-only: no cookie to forge
        group.MapGet("/import/example.csv", ClientImportEndpoint.Example).AllowAnonymous(); // the same file for everyone, no data
        group.MapClientRecordsApi();
        return endpoints;
    }

    private static Task<ClientPage> ListClients(HttpContext http, ClientService clients, string? search, int? page, int? pageSize) =>
        clients.ListAsync(http.User.GetConsultantId(), search, page ?? 1, pageSize ?? 50);

    private static async Task<Results<Ok<Client>, NotFound>> GetClient(Guid clientId, HttpContext http, ClientService clients) =>
        await clients.GetAsync(http.User.GetConsultantId(), clientId) is { } client ? TypedResults.Ok(client) : TypedResults.NotFound();

    private static async Task<Results<Created<Client>, ValidationProblem, ProblemHttpResult>> CreateClient(
        ClientInput input, HttpContext http, ClientService clients)
    {
        var result = await clients.CreateAsync(http.User.GetConsultantId(), input);
        return result.Outcome switch
        {
            ClientSaveOutcome.Saved => TypedResults.Created($"/api/clients/{result.Client!.Id}", result.Client),
            ClientSaveOutcome.PhoneTaken => PhoneConflict(result),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    private static async Task<Results<Ok<Client>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateClient(
        Guid clientId, ClientInput input, HttpContext http, ClientService clients)
    {
        var result = await clients.UpdateAsync(http.User.GetConsultantId(), clientId, input);
        return result.Outcome switch
        {
            ClientSaveOutcome.Saved => TypedResults.Ok(result.Client!),
            ClientSaveOutcome.NotFound => TypedResults.NotFound(),
            ClientSaveOutcome.PhoneTaken => PhoneConflict(result),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }

    private static async Task<Results<NoContent, NotFound>> DeleteClient(Guid clientId, HttpContext http, ClientService clients) =>
        await clients.DeleteAsync(http.User.GetConsultantId(), clientId) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ProblemHttpResult PhoneConflict(ClientSaveResult result) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Duplicate phone number",
            detail: result.Errors.ToString(),
            extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.ToDictionary() });
}
