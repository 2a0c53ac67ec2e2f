namespace Consultant.Grains.Calendar;

/// <summary>
/// A booking's row in <c>google_calendar_events</c>: the booking as last handed over (wanted) and what Google has of it.
/// </summary>
public sealed record GoogleEventRow(
    Guid ConsultationId,
    Guid ConsultantId,
    string WantedStatus,
    int WantedSequence,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Summary,
    string? EventId,
    string? MeetLink,
    int? SyncedSequence,
    string? SyncedStatus,
    string? LastError,
    int Attempts)
{
    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    /// <summary>
    /// Google's event id: the consultation's id in hex (Google accepts base32hex letters a–v and digits), so an insert
    /// retried after a lost answer finds the event it made instead of making a second one.
    /// </summary>
    public static string EventIdOf(Guid consultationId) => consultationId.ToString("N");
}
