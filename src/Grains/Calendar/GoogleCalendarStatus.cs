namespace Consultant.Grains.Calendar;

/// <summary>
/// What the settings page and <c>GET /api/calendar/google</c> show: whether the operator set Google up, whether this
/// consultant is connected (and as whom), and the last problem in words with what to do. Never a token.
/// </summary>
/// <param name="Configured">False: the operator has not set <c>Google:ClientId</c> and <c>Google:ClientSecret</c>.</param>
/// <param name="Problem">A code of <see cref="GoogleCalendarProblem"/>, or null.</param>
/// <param name="ProblemText">The same in English, with what to do.</param>
/// <param name="WaitingCopies">Bookings whose copy in Google Calendar is behind (retried every minute).</param>
public sealed record GoogleCalendarStatus(
    bool Configured,
    bool Connected,
    string? AccountEmail,
    DateTimeOffset? ConnectedAt,
    string? Problem,
    string? ProblemText,
    DateTimeOffset? ProblemAt,
    int WaitingCopies);
