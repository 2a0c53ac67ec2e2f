namespace Consultant.Grains.Calendar;

/// <summary>
/// Why Google Calendar is not working, as stored (a code) and as said in English to API users; the dashboard says the
/// same in its language (<c>web/Settings/GoogleCalendarSection</c>).
/// </summary>
public static class GoogleCalendarProblem
{
    /// <summary>Google no longer accepts the permission (revoked in the Google account, or expired): disconnected.</summary>
    public const string Revoked = "revoked";

    /// <summary>Google did not answer (5xx, rate limit, network): busy times or copies wait for the next try.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Google refused a change to the calendar (a 4xx other than the above).</summary>
    public const string Refused = "refused";

    public static string Text(string problem) => problem switch
    {
        Revoked => "Google no longer accepts the permission (it was removed in the Google account or has expired). Press Connect Google Calendar again.",
        Unavailable => "Google Calendar did not answer. Bookings stand and are copied to it automatically, every minute until it answers.",
        Refused => "Google Calendar refused to copy a booking. Disconnect and connect Google Calendar again; if it goes on, tell the operator.",
        _ => "Google Calendar has a problem. Disconnect and connect it again.",
    };

    public static string Of(GoogleFailure failure) => failure switch
    {
        GoogleFailure.Revoked => Revoked,
        GoogleFailure.Refused or GoogleFailure.Exists or GoogleFailure.Gone => Refused,
        _ => Unavailable,
    };
}
