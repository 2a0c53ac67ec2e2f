namespace Consultant.Grains.Common;

/// <summary>
/// What a service answers to a request from the dashboard or the API: the <see cref="Value"/> it made or found, or the
/// <see cref="Problem"/> why not. A service returns either directly (both convert); the API turns it into a response
/// in one place (<c>ResultHttpMapping</c>), the dashboard shows <see cref="Errors"/> beside the fields.
/// </summary>
public sealed record Result<T> where T : class
{
    private Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>Set when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>Set when refused.</summary>
    public Problem? Problem { get; }

    public bool Succeeded => Problem is null;

    public bool NotFound => Problem?.Kind == ProblemKind.NotFound;

    /// <summary>The fields at fault; empty when it succeeded or the problem is not about a field.</summary>
    public ValidationErrors Errors => Problem?.Errors ?? new ValidationErrors();

    /// <summary>
    /// The first answer to a request with the same idempotency key, given again: nothing was done now
    /// (the API says so with <c>Idempotent-Replayed: true</c>).
    /// </summary>
    public bool Replayed { get; init; }

    public static implicit operator Result<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator Result<T>(Problem problem) => new(null, problem ?? throw new ArgumentNullException(nameof(problem)));
}
