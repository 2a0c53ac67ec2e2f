using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbox;

/// <summary>
/// The HTTP side of a consultant's send (text, template, attachment): the Idempotency-Key header in, and the answer
/// out: 200 with the message (a replay marked <c>Idempotent-Replayed: true</c>), 404, 400 naming the field, or 409
/// while the same key's first request is still being sent.
/// </summary>
internal static class SendResults
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The header as sent; several values arrive joined by commas, which no valid key contains.</summary>
    public static string? IdempotencyKeyOf(HttpContext http) =>
        http.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var values) ? values.ToString() : null;

    public static Results<Ok<ConsultantSendResult>, NotFound, ValidationProblem, ProblemHttpResult> ToHttp(
        HttpContext http, ConversationActionResult<ConsultantSendResult> result)
    {
        if (result.Replayed)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return result switch
        {
            { NotFound: true } => TypedResults.NotFound(),
            { Value: { } value } => TypedResults.Ok(value),
            { Conflict: true } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
                detail: result.Errors.ToString(), extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.ToDictionary() }),
            _ => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
        };
    }
}
