namespace Consultant.Grains.Calendar;

/// <summary>
/// The parts of a Calendar API v3 event resource this product writes and reads (camelCase JSON, nulls left out).
/// <see cref="HangoutLink"/> and <see cref="ConferenceData"/>'s entry points carry the Meet link once Google made it.
/// </summary>
public sealed record GoogleEvent(
    string? Id = null,
    string? Status = null,
    string? Summary = null,
    string? Description = null,
    GoogleEventTime? Start = null,
    GoogleEventTime? End = null,
    string? HangoutLink = null,
    GoogleConferenceData? ConferenceData = null)
{
    /// <summary>The video link: <c>hangoutLink</c>, else the conference's video entry point.</summary>
    public string? MeetLink => HangoutLink
        ?? ConferenceData?.EntryPoints?.FirstOrDefault(entry => entry.EntryPointType == "video")?.Uri;
}

/// <summary>A timed event's start or end: an RFC 3339 instant.</summary>
public sealed record GoogleEventTime(DateTimeOffset DateTime, string? TimeZone = null);

/// <summary>A request for a new Meet conference (<see cref="CreateRequest"/>), and what Google made (<see cref="EntryPoints"/>).</summary>
public sealed record GoogleConferenceData(GoogleCreateConferenceRequest? CreateRequest = null, IReadOnlyList<GoogleEntryPoint>? EntryPoints = null);

/// <param name="RequestId">Unique per request; the same id asks for the same conference again.</param>
/// <param name="Status">Set by Google: <c>pending</c>, <c>success</c> or <c>failure</c>.</param>
public sealed record GoogleCreateConferenceRequest(
    string RequestId, GoogleConferenceSolutionKey? ConferenceSolutionKey = null, GoogleConferenceRequestStatus? Status = null);

/// <param name="Type"><c>hangoutsMeet</c> for Google Meet.</param>
public sealed record GoogleConferenceSolutionKey(string Type);

public sealed record GoogleConferenceRequestStatus(string? StatusCode);

/// <param name="EntryPointType"><c>video</c>, <c>phone</c>, <c>more</c> or <c>sip</c>.</param>
public sealed record GoogleEntryPoint(string? EntryPointType, string? Uri);
