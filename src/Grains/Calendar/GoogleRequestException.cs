using System.Net;

namespace Consultant.Grains.Calendar;

/// <summary>A call to Google that failed; the message never holds a token.</summary>
public sealed class GoogleRequestException(GoogleFailure failure, HttpStatusCode? status, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public GoogleFailure Failure { get; } = failure;

    public HttpStatusCode? Status { get; } = status;

    /// <summary>What Google's answer says, for 4xx and 5xx: the failure by status, <c>invalid_grant</c> as revoked.</summary>
    public static GoogleRequestException FromAnswer(HttpStatusCode status, string? oauthError, string what)
    {
        var failure = (int)status switch
        {
            _ when oauthError == "invalid_grant" => GoogleFailure.Revoked,
            401 => GoogleFailure.Unauthorized,
            404 or 410 => GoogleFailure.Gone,
            409 => GoogleFailure.Exists,
            403 or 429 or >= 500 => GoogleFailure.Unavailable, // 403 is also Google Calendar's rate limit
            _ => GoogleFailure.Refused,
        };
        return new GoogleRequestException(failure, status, $"{what}: Google answered HTTP {(int)status}{(oauthError is null ? "" : $" ({oauthError})")}.");
    }

    public static GoogleRequestException Unreachable(string what, Exception inner) =>
        new(GoogleFailure.Unavailable, null, $"{what}: Google could not be reached ({inner.GetType().Name}).", inner);
}
