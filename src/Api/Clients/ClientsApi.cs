using Consultant.Api.Auth;
using Consultant.Api.Inbox;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Clients;

/// <summary>The consultant's clients: list, add, change, remove, import from CSV; their records (<see cref="ClientRecordsApi"/>).</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/clients").WithTags(ApiTags.Clients).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", ListClients).WithName("ListClients").WithSummary("A page of clients, searched by name, phone or e-mail");
        group.MapPost("/", CreateClient).WithName("CreateClient").WithSummary("Adds a client")
            .Produces<Client>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid, ProblemKind.Conflict);
        group.MapGet("/{clientId:guid}", GetClient).WithName("GetClient").WithSummary("One client");
        group.MapPut("/{clientId:guid}", UpdateClient).WithName("UpdateClient").WithSummary("Changes a client")
            .Produces<Client>().ProducesProblems(ProblemKind.Invalid, ProblemKind.NotFound, ProblemKind.Conflict);
        group.MapDelete("/{clientId:guid}", DeleteClient).WithName("DeleteClient").WithSummary("Removes a client and their records");
        group.MapGet("/{clientId:guid}/conversations", ConversationClientApi.ConversationsOfClient)
            .WithName("ListClientConversations").WithSummary("The client's conversations, newest first");
        group.MapPost("/import", ClientImportEndpoint.Import).DisableAntiforgery() // bearer-only: no cookie to forge
            .WithName("ImportClients").WithSummary("Adds clients from a CSV file (multipart field \"file\", or a text/csv body)")
            .Produces<ClientImportReport>().ProducesProblems(ProblemKind.Invalid).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/import/example.csv", ClientImportEndpoint.Example).AllowAnonymous() // the same file for everyone, no data
            .WithName("GetClientImportExample").WithSummary("An example CSV file the import reads");
        group.MapClientRecordsApi();
        return endpoints;
    }

    private static Task<ClientPage> ListClients(HttpContext http, ClientService clients, string? search, int? page, int? pageSize) =>
        clients.ListAsync(http.User.GetConsultantId(), search, page ?? 1, pageSize ?? ClientService.DefaultPageSize);

    private static async Task<Results<Ok<Client>, NotFound>> GetClient(Guid clientId, HttpContext http, ClientService clients) =>
        await clients.GetAsync(http.User.GetConsultantId(), clientId) is { } client ? TypedResults.Ok(client) : TypedResults.NotFound();

    private static async Task<IResult> CreateClient(ClientInput input, HttpContext http, ClientService clients) =>
        (await clients.CreateAsync(http.User.GetConsultantId(), input)).ToHttpResult(client => TypedResults.Created($"/api/clients/{client.Id}", client));

    private static async Task<IResult> UpdateClient(Guid clientId, ClientInput input, HttpContext http, ClientService clients) =>
        (await clients.UpdateAsync(http.User.GetConsultantId(), clientId, input)).ToHttpResult();

    private static async Task<Results<NoContent, NotFound>> DeleteClient(Guid clientId, HttpContext http, ClientService clients) =>
        await clients.DeleteAsync(http.User.GetConsultantId(), clientId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
