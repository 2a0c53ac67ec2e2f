using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Consultant.Api;

/// <summary>
/// A body or parameter the endpoint could not read (malformed JSON, a number too big for its type, text where a
/// number belongs) is the caller's mistake: 400 problem details naming the field, never a 500.
/// Minimal APIs throw these in every environment (<see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/>).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        ProblemDetails problem = badRequest.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json)] = [MessageFor(json)] })
            : new ProblemDetails { Detail = badRequest.Message };
        problem.Status = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>"$.sets" → "sets"; a body that is not JSON at all → "body".</summary>
    private static string FieldOf(JsonException json) =>
        json.InnerException is JsonException || json.Path is null or "$" ? "body" : json.Path.TrimStart('$', '.');

    private static string MessageFor(JsonException json) => json.InnerException is JsonException || json.Path is null or "$"
        ? "The request body is not valid JSON."
        : "Not a valid value here: a number out of range, or text where a number or date belongs.";
}
