using Consultant.Grains.Common;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>
/// The consultations table as a calendar. Every write that makes a row active (held or scheduled) first deletes the
/// consultant's expired holds in the same transaction, because the exclusion constraint that forbids overlaps cannot
/// look at now(); a clash with a live row is then refused by PostgreSQL itself, whoever wrote first. Every statement
/// names consultant_id.
/// </summary>
public sealed class BookingStore(NpgsqlDataSource dataSource, NewBookingNotices newNotices)
{
    /// <summary>The exclusion constraint's SQLSTATE (exclusion_violation).</summary>
    private const string Overlap = "23P01";

    private const string ClearExpiredHolds =
        "DELETE FROM consultations WHERE consultant_id = @consultantId AND status = 'held' AND hold_expires_at <= @now";

    private const string ClearContactHolds =
        "DELETE FROM consultations WHERE consultant_id = @consultantId AND status = 'held' AND contact_address = @address";

    /// <summary>
    /// The scheduled consultations from <c>@from</c> on of the conversation with <c>@address</c>: its contact's, or the
    /// client's it is linked to; none when there is no such conversation. Earliest first.
    /// </summary>
    internal const string OfConversationSql =
        $"""
        SELECT {ConsultationRow.Columns} FROM {ConsultationRow.From}
          JOIN conversations v ON v.consultant_id = c.consultant_id AND v.contact_phone = @address
         WHERE c.consultant_id = @consultantId AND c.status = 'scheduled' AND c.scheduled_at >= @from
           AND (c.contact_address = @address OR c.client_id = v.client_id)
         ORDER BY c.scheduled_at
        """;

    /// <summary>Null when there is no such row of this consultant (a hold is not a booking).</summary>
    public async Task<BookedConsultation?> FindAsync(Guid consultantId, Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ConsultationRow>(
            $"SELECT {ConsultationRow.Columns} FROM {ConsultationRow.From} WHERE c.consultant_id = @consultantId AND c.id = @id AND c.status <> 'held'",
            new { consultantId, id });
        return row?.ToBooking();
    }

    /// <summary>Consultations starting in <paramref name="range"/>, earliest first; with the holds still live at <paramref name="now"/> when asked.</summary>
    public async Task<IReadOnlyList<BookedConsultation>> ListAsync(Guid consultantId, TimeRange range, DateTimeOffset? liveHoldsAt = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ConsultationRow>(
            $"""
            SELECT {ConsultationRow.Columns} FROM {ConsultationRow.From}
             WHERE c.consultant_id = @consultantId AND c.scheduled_at >= @start AND c.scheduled_at < @end
               AND (c.status <> 'held' OR (@withHolds AND c.hold_expires_at > @now))
             ORDER BY c.scheduled_at, c.id
            """,
            new { consultantId, start = Utc(range.Start), end = Utc(range.End), withHolds = liveHoldsAt is not null, now = Utc(liveHoldsAt ?? range.Start) });
        return [.. rows.Select(row => row.ToBooking())];
    }

    /// <summary>
    /// What keeps time from a new booking in <paramref name="range"/>: scheduled consultations and live holds, each
    /// with its buffer; the holds of <paramref name="exceptHoldsOf"/> (the contact asking) are theirs to take.
    /// </summary>
    public async Task<IReadOnlyList<TimeRange>> BusyAsync(Guid consultantId, TimeRange range, DateTimeOffset now, string? exceptHoldsOf)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ConsultationRow>(
            $"""
            SELECT {ConsultationRow.Columns} FROM {ConsultationRow.From}
             WHERE c.consultant_id = @consultantId AND NOT c.recorded_overlap
               AND consultation_span(c.scheduled_at, c.duration_minutes + c.buffer_minutes) && tstzrange(@start, @end, '[)')
               AND (c.status = 'scheduled'
                    OR (c.status = 'held' AND c.hold_expires_at > @now AND c.contact_address IS DISTINCT FROM @exceptHoldsOf))
            """,
            new { consultantId, start = Utc(range.Start), end = Utc(range.End), now = Utc(now), exceptHoldsOf });
        return [.. rows.Select(row => row.Blocked)];
    }

    /// <summary>The upcoming consultations of the conversation with <paramref name="address"/> (<see cref="OfConversationSql"/>).</summary>
    public async Task<IReadOnlyList<BookedConsultation>> ListForConversationAsync(Guid consultantId, string address, DateTimeOffset from)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ConsultationRow>(OfConversationSql, new { consultantId, address, from = Utc(from) });
        return [.. rows.Select(row => row.ToBooking())];
    }

    /// <summary>The contact's scheduled consultations from <paramref name="from"/> on (by their address, or as the client they are).</summary>
    public async Task<IReadOnlyList<BookedConsultation>> ListForContactAsync(Guid consultantId, string address, Guid? clientId, DateTimeOffset from)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<ConsultationRow>(
            $"""
            SELECT {ConsultationRow.Columns} FROM {ConsultationRow.From}
             WHERE c.consultant_id = @consultantId AND c.status = 'scheduled' AND c.scheduled_at >= @from
               AND (c.contact_address = @address OR (@clientId::uuid IS NOT NULL AND c.client_id = @clientId))
             ORDER BY c.scheduled_at
            """,
            new { consultantId, address, clientId, from = Utc(from) });
        return [.. rows.Select(row => row.ToBooking())];
    }

    /// <summary>
    /// Writes the row unless its time (with its buffer) clashes with a live one: false then, nothing written. A booking
    /// by the contact (<paramref name="byContact"/>) replaces their own holds in the same transaction (the slot they
    /// held becomes theirs).
    /// </summary>
    /// <param name="confirm">A booking tool's booking: its confirmation is recorded in the same transaction.</param>
    public async Task<bool> InsertAsync(NewConsultation row, DateTimeOffset now, bool byContact = false, ConfirmInChat? confirm = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(ClearExpiredHolds, new { consultantId = row.ConsultantId, now = Utc(now) }, transaction);
        if (byContact && row.ContactAddress is { } address)
        {
            await connection.ExecuteAsync(ClearContactHolds, new { consultantId = row.ConsultantId, address }, transaction);
        }

        var written = await connection.ExecuteAsync(
            """
            INSERT INTO consultations (id, consultant_id, client_id, contact_address, contact_name, scheduled_at, duration_minutes,
                                       buffer_minutes, status, topic, notes, meeting_link, hold_expires_at, sequence, created_at, updated_at)
            VALUES (@Id, @ConsultantId, @ClientId, @ContactAddress, @ContactName, @StartsAt, @DurationMinutes,
                    @BufferMinutes, @Status, @Topic, @Notes, @MeetingLink, @HoldExpiresAt, 0, @now, @now)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                row.Id, row.ConsultantId, row.ClientId, row.ContactAddress, row.ContactName, StartsAt = Utc(row.StartsAt), row.DurationMinutes,
                row.BufferMinutes, row.Status, row.Topic, row.Notes, row.MeetingLink, HoldExpiresAt = Utc(row.HoldExpiresAt), now = Utc(now),
            },
            transaction);
        if (written == 1 && confirm is not null)
        {
            await RecordNoticeAsync(connection, transaction, row.ConsultantId, row.Id, BookingMessageKind.Booked, confirm, now);
        }

        await CommitAsync(transaction, row.ConsultantId, written == 1 ? confirm : null);
        return written == 1;
    }

    /// <summary>
    /// Replaces the contact's holds with <paramref name="holds"/>; a slot someone else holds or booked meanwhile is
    /// left out. Returns the holds written.
    /// </summary>
    public async Task<IReadOnlyList<BookedConsultation>> HoldAsync(Guid consultantId, string address, IReadOnlyList<NewConsultation> holds, DateTimeOffset now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(ClearExpiredHolds, new { consultantId, now = Utc(now) }, transaction);
        await connection.ExecuteAsync(ClearContactHolds, new { consultantId, address }, transaction);
        var held = new List<Guid>();
        foreach (var hold in holds)
        {
            var written = await connection.ExecuteAsync(
                """
                INSERT INTO consultations (id, consultant_id, client_id, contact_address, contact_name, scheduled_at, duration_minutes,
                                           buffer_minutes, status, topic, hold_expires_at, sequence, created_at, updated_at)
                VALUES (@Id, @ConsultantId, @ClientId, @ContactAddress, @ContactName, @StartsAt, @DurationMinutes,
                        @BufferMinutes, 'held', @Topic, @HoldExpiresAt, 0, @now, @now)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    hold.Id, hold.ConsultantId, hold.ClientId, hold.ContactAddress, hold.ContactName, StartsAt = Utc(hold.StartsAt),
                    hold.DurationMinutes, hold.BufferMinutes, hold.Topic, HoldExpiresAt = Utc(hold.HoldExpiresAt), now = Utc(now),
                },
                transaction);
            if (written == 1)
            {
                held.Add(hold.Id);
            }
        }

        var rows = await connection.QueryAsync<ConsultationRow>(
            $"SELECT {ConsultationRow.Columns} FROM {ConsultationRow.From} WHERE c.consultant_id = @consultantId AND c.id = ANY(@held) ORDER BY c.scheduled_at",
            new { consultantId, held = held.ToArray() }, transaction);
        await transaction.CommitAsync();
        return [.. rows.Select(row => row.ToBooking())];
    }

    /// <summary>Cancels a scheduled consultation (sequence + 1); null when there is none of this consultant to cancel.</summary>
    public async Task<BookedConsultation?> CancelAsync(Guid consultantId, Guid id, string? reason, DateTimeOffset now, ConfirmInChat? confirm = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var cancelled = await connection.ExecuteAsync(
            """
            UPDATE consultations SET status = 'cancelled', cancel_reason = @reason, sequence = sequence + 1, updated_at = @now
             WHERE consultant_id = @consultantId AND id = @id AND status = 'scheduled'
            """,
            new { consultantId, id, reason, now = Utc(now) }, transaction);
        if (cancelled == 1 && confirm is not null)
        {
            await RecordNoticeAsync(connection, transaction, consultantId, id, BookingMessageKind.Cancelled, confirm, now);
        }

        await CommitAsync(transaction, consultantId, cancelled == 1 ? confirm : null);
        return cancelled == 1 ? await FindAsync(consultantId, id) : null;
    }

    /// <summary>
    /// Moves a scheduled consultation (sequence + 1). <c>Taken</c> when the new time clashes with a live row; the
    /// booking is then unchanged. <c>Moved</c> is null when there is none of this consultant to move.
    /// </summary>
    public async Task<(BookedConsultation? Moved, bool Taken)> MoveAsync(
        Guid consultantId, Guid id, DateTimeOffset startsAt, int durationMinutes, int bufferMinutes, DateTimeOffset now, ConfirmInChat? confirm = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(ClearExpiredHolds, new { consultantId, now = Utc(now) }, transaction);
        try
        {
            var moved = await connection.ExecuteAsync(
                """
                UPDATE consultations SET scheduled_at = @startsAt, duration_minutes = @durationMinutes, buffer_minutes = @bufferMinutes,
                       recorded_overlap = false, sequence = sequence + 1, updated_at = @now
                 WHERE consultant_id = @consultantId AND id = @id AND status = 'scheduled'
                """,
                new { consultantId, id, startsAt = Utc(startsAt), durationMinutes, bufferMinutes, now = Utc(now) }, transaction);
            if (moved == 1 && confirm is not null)
            {
                await RecordNoticeAsync(connection, transaction, consultantId, id, BookingMessageKind.Rescheduled, confirm, now);
            }

            await CommitAsync(transaction, consultantId, moved == 1 ? confirm : null);
            return (moved == 1 ? await FindAsync(consultantId, id) : null, false);
        }
        catch (PostgresException e) when (e.SqlState == Overlap)
        {
            await transaction.RollbackAsync();
            return (null, true);
        }
    }

    /// <summary>A lead's consultations (booked by their conversation's address) become the client's they turned into.</summary>
    public async Task<int> LinkContactToClientAsync(Guid consultantId, string address, Guid clientId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(
            """
            UPDATE consultations SET client_id = @clientId
             WHERE consultant_id = @consultantId AND contact_address = @address AND client_id IS NULL AND status <> 'held'
            """,
            new { consultantId, address, clientId });
    }

    /// <summary>The video link a calendar made for it (a Meet link), kept for the confirmation and the calendar file.</summary>
    public async Task SetMeetingLinkAsync(Guid consultantId, Guid id, string link)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "UPDATE consultations SET meeting_link = @link WHERE consultant_id = @consultantId AND id = @id",
            new { consultantId, id, link });
    }

    /// <summary>
    /// The confirmation a booking tool's change owes its contact (<c>booking_chat_notices</c>), in the change's own
    /// transaction: it is sent even if the reply it belongs to is not (see <see cref="BookingChatNotices"/>).
    /// </summary>
    private static Task RecordNoticeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid consultantId, Guid id, BookingMessageKind kind, ConfirmInChat confirm,
        DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO booking_chat_notices (consultant_id, booking_id, sequence, kind, contact_address, batch_id, starts_at, duration_minutes, created_at)
            SELECT consultant_id, id, sequence, @kind, @address, @batchId, scheduled_at, duration_minutes, @now
              FROM consultations WHERE consultant_id = @consultantId AND id = @id
            ON CONFLICT DO NOTHING
            """,
            new { consultantId, id, kind = kind.ToString(), address = confirm.ContactAddress, batchId = confirm.BatchId, now = Utc(now) }, transaction);

    /// <summary>Commits the change; a confirmation it recorded (<paramref name="recorded"/>) is then news to the contact's conversation.</summary>
    private async Task CommitAsync(NpgsqlTransaction transaction, Guid consultantId, ConfirmInChat? recorded)
    {
        await transaction.CommitAsync();
        if (recorded is not null)
        {
            newNotices.Recorded(consultantId, recorded.ContactAddress);
        }
    }

    /// <summary>Npgsql writes timestamptz only from UTC values; the service's instants carry the consultant's offset.</summary>
    private static DateTimeOffset Utc(DateTimeOffset instant) => instant.ToUniversalTime();

    private static DateTimeOffset? Utc(DateTimeOffset? instant) => instant?.ToUniversalTime();
}
