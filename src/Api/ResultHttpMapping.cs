using System.Globalization;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api;

/// <summary>
/// The one way a service's <see cref="Result{T}"/> becomes an HTTP answer: the value with the endpoint's success status,
/// or RFC 7807 problem details: 400 with <c>errors</c> naming each field, 404, 409 (also naming the field), 429 with
/// Retry-After, 401. The same table describes the endpoints in the OpenAPI document (<see cref="ProducesProblems"/>).
/// </summary>
public static class ResultHttpMapping
{
    /// <summary>On the answer to a request whose idempotency key was seen before: this is the first answer again.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>200 with the value, or the problem.</summary>
    public static IResult ToHttpResult<T>(this Result<T> result) where T : class =>
        result.ToHttpResult(value => TypedResults.Ok(value));

    /// <param name="success">The answer for the value (201 with its address, 204, the value in another shape).</param>
    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> success) where T : class
    {
        if (result.Problem is { } problem)
        {
            return problem.ToHttpResult();
        }

        var answer = success(result.Value!);
        return result.Replayed ? new WithHeaders(answer, http => http.Response.Headers[ReplayedHeader] = "true") : answer;
    }

    public static IResult ToHttpResult(this Problem problem) => problem.Kind switch
    {
        ProblemKind.Invalid => TypedResults.ValidationProblem(problem.Errors.ToDictionary(), problem.Detail, title: problem.Title),
        ProblemKind.NotFound when problem.Title is null => TypedResults.NotFound(), // the status code pages write its problem details
        ProblemKind.TooManyAttempts => new WithHeaders(Described(problem), http => RetryAfter(http, problem.RetryAt)),
        _ => Described(problem),
    };

    public static int StatusOf(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => StatusCodes.Status400BadRequest,
        ProblemKind.NotFound => StatusCodes.Status404NotFound,
        ProblemKind.Conflict => StatusCodes.Status409Conflict,
        ProblemKind.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every kind of problem has its status."),
    };

    /// <summary>The OpenAPI description of the problems an endpoint can answer with.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params ProblemKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            endpoint = kind == ProblemKind.Invalid ? endpoint.ProducesValidationProblem() : endpoint.ProducesProblem(StatusOf(kind));
        }

        return endpoint;
    }

    private static ProblemHttpResult Described(Problem problem) => TypedResults.Problem(
        statusCode: StatusOf(problem.Kind), title: problem.Title, detail: problem.Detail,
        extensions: problem.Errors.IsEmpty ? null : new Dictionary<string, object?> { ["errors"] = problem.Errors.ToDictionary() });

    /// <summary>Whole seconds until the refusal ends, at least one.</summary>
    private static void RetryAfter(HttpContext http, DateTimeOffset? retryAt)
    {
        var wait = (retryAt ?? DateTimeOffset.MinValue) - http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An answer with headers set just before it is written.</summary>
    private sealed class WithHeaders(IResult answer, Action<HttpContext> setHeaders) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            setHeaders(httpContext);
            return answer.ExecuteAsync(httpContext);
        }
    }
}
