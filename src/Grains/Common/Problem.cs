namespace Consultant.Grains.Common;

/// <summary>
/// A refused request: its <see cref="Kind"/>, the fields at fault (<see cref="Errors"/>, possibly empty), and for the
/// kinds that are not about one field a title and a detail in words. Made by the factories below, one per kind.
/// </summary>
public sealed record Problem
{
    private Problem(ProblemKind kind, ValidationErrors errors, string? title = null, string? detail = null, DateTimeOffset? retryAt = null)
    {
        Kind = kind;
        Errors = errors;
        Title = title;
        Detail = detail;
        RetryAt = retryAt;
    }

    public ProblemKind Kind { get; }

    /// <summary>Field → messages; what the dashboard shows beside each field and the API returns as <c>errors</c>.</summary>
    public ValidationErrors Errors { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>When a <see cref="ProblemKind.TooManyAttempts"/> refusal ends.</summary>
    public DateTimeOffset? RetryAt { get; }

    public static Problem Invalid(ValidationErrors errors) => new(ProblemKind.Invalid, errors);

    public static Problem Invalid(string field, string message) => new(ProblemKind.Invalid, ErrorsOf(field, message));

    /// <summary>One field at fault, with a title of its own (the message is the detail too).</summary>
    public static Problem Invalid(string field, string message, string title) => new(ProblemKind.Invalid, ErrorsOf(field, message), title, message);

    /// <param name="title">Only where saying what was not found helps (a webhook's unknown number); usually none.</param>
    public static Problem NotFound(string? title = null, string? detail = null) => new(ProblemKind.NotFound, new ValidationErrors(), title, detail);

    /// <param name="detail">In words for API users; the errors joined when not given.</param>
    public static Problem Conflict(string title, string field, string message, string? detail = null)
    {
        var errors = ErrorsOf(field, message);
        return new(ProblemKind.Conflict, errors, title, detail ?? errors.ToString());
    }

    public static Problem TooManyAttempts(string title, string detail, DateTimeOffset retryAt) =>
        new(ProblemKind.TooManyAttempts, new ValidationErrors(), title, detail, retryAt);

    public static Problem Unauthorized(string title, string detail) => new(ProblemKind.Unauthorized, new ValidationErrors(), title, detail);

    private static ValidationErrors ErrorsOf(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }
}
