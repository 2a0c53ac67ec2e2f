namespace Consultant.Grains.Calendar;

/// <summary>How a call to Google failed, which decides what happens next.</summary>
public enum GoogleFailure
{
    /// <summary>5xx, 429, a rate limit, a timeout or no network: try again later.</summary>
    Unavailable,

    /// <summary>The access token was refused (401): refresh it once and try again.</summary>
    Unauthorized,

    /// <summary>The refresh token is revoked or expired (<c>invalid_grant</c>): disconnected until connected again.</summary>
    Revoked,

    /// <summary>Google refused the request itself (another 4xx).</summary>
    Refused,

    /// <summary>The event is not there (404, or 410 once deleted).</summary>
    Gone,

    /// <summary>The event id is taken (409): the event was made by an earlier attempt whose answer was lost.</summary>
    Exists,
}
