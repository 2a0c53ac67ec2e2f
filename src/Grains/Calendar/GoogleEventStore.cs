using Consultant.Grains.Booking;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Calendar;

/// <summary><c>google_calendar_events</c>: each booking's copy in Google Calendar. Every statement names its consultant.</summary>
public sealed class GoogleEventStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "consultation_id AS ConsultationId, consultant_id AS ConsultantId, wanted_status AS WantedStatus, " +
        "wanted_sequence AS WantedSequence, starts_at AS StartsAt, duration_minutes AS DurationMinutes, summary, " +
        "event_id AS EventId, meet_link AS MeetLink, synced_sequence AS SyncedSequence, synced_status AS SyncedStatus, " +
        "last_error AS LastError, attempts";

    /// <summary>
    /// Records the booking as it now stands, unless a newer state of it is recorded already (two changes racing).
    /// Returns the row as stored.
    /// </summary>
    public async Task<GoogleEventRow> RecordWantedAsync(BookedConsultation booking, string summary)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO google_calendar_events (consultation_id, consultant_id, wanted_status, wanted_sequence, starts_at, duration_minutes, summary)
            VALUES (@Id, @ConsultantId, @Status, @Sequence, @StartsAt, @DurationMinutes, @summary)
            ON CONFLICT (consultation_id) DO UPDATE SET wanted_status = @Status, wanted_sequence = @Sequence,
                starts_at = @StartsAt, duration_minutes = @DurationMinutes, summary = @summary
             WHERE google_calendar_events.consultant_id = @ConsultantId AND google_calendar_events.wanted_sequence <= @Sequence
            """,
            new { booking.Id, booking.ConsultantId, booking.Status, booking.Sequence, booking.StartsAt, booking.DurationMinutes, summary });
        return (await FindAsync(booking.ConsultantId, booking.Id))!;
    }

    public async Task<GoogleEventRow?> FindAsync(Guid consultantId, Guid consultationId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<GoogleEventRow>(
            $"SELECT {Columns} FROM google_calendar_events WHERE consultant_id = @consultantId AND consultation_id = @consultationId",
            new { consultantId, consultationId });
    }

    /// <summary>Google has the booking as of <paramref name="sequence"/>: the error and the retry are cleared.</summary>
    public async Task MarkSyncedAsync(GoogleEventRow row, string? eventId, string? meetLink)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE google_calendar_events
               SET event_id = @eventId, meet_link = COALESCE(@meetLink, meet_link), synced_sequence = @WantedSequence,
                   synced_status = @WantedStatus,
                   last_error = CASE WHEN wanted_sequence = @WantedSequence THEN NULL ELSE last_error END,
                   last_error_at = CASE WHEN wanted_sequence = @WantedSequence THEN NULL ELSE last_error_at END,
                   attempts = CASE WHEN wanted_sequence = @WantedSequence THEN 0 ELSE attempts END,
                   next_attempt_at = CASE WHEN wanted_sequence = @WantedSequence THEN NULL ELSE next_attempt_at END
             WHERE consultant_id = @ConsultantId AND consultation_id = @ConsultationId
            """,
            new { row.ConsultantId, row.ConsultationId, row.WantedSequence, row.WantedStatus, eventId, meetLink });
    }

    /// <summary>The copy failed: why, and when to try again (null: not again, see the status).</summary>
    public async Task MarkFailedAsync(GoogleEventRow row, string problem, DateTimeOffset at, DateTimeOffset? nextAttemptAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE google_calendar_events
               SET last_error = @problem, last_error_at = @at, attempts = attempts + 1, next_attempt_at = @nextAttemptAt
             WHERE consultant_id = @ConsultantId AND consultation_id = @ConsultationId
            """,
            new { row.ConsultantId, row.ConsultationId, problem, at, nextAttemptAt });
    }

    /// <summary>Copies due for another try, of consultants still connected (a disconnected one is not retried).</summary>
    public async Task<IReadOnlyList<GoogleEventRow>> DueAsync(DateTimeOffset now, int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<GoogleEventRow>(
            $"""
            SELECT {Columns} FROM google_calendar_events e
             WHERE e.next_attempt_at <= @now
               AND EXISTS (SELECT 1 FROM google_calendar_connections c
                            WHERE c.consultant_id = e.consultant_id AND c.refresh_token_protected IS NOT NULL)
             ORDER BY e.next_attempt_at
             LIMIT @limit
            """,
            new { now, limit });
        return rows.ToList();
    }

    /// <summary>How many of the consultant's copies are behind, and the latest reason.</summary>
    public async Task<(int Count, string? Problem, DateTimeOffset? At)> WaitingAsync(Guid consultantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var waiting = await connection.QuerySingleAsync<Waiting>(
            """
            SELECT count(*)::int AS Count,
                   (array_agg(last_error ORDER BY last_error_at DESC))[1] AS Problem,
                   max(last_error_at) AS At
              FROM google_calendar_events
             WHERE consultant_id = @consultantId AND last_error IS NOT NULL
            """,
            new { consultantId });
        return (waiting.Count, waiting.Problem, waiting.At);
    }

    private sealed record Waiting(int Count, string? Problem, DateTimeOffset? At);
}
