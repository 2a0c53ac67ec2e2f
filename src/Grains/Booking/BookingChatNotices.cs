using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;
using Consultant.Grains.Storage;
using Dapper;
using Npgsql;

namespace Consultant.Grains.Booking;

/// <summary>
/// The confirmations the booking tools' changes owe a contact (<c>booking_chat_notices</c>, written in the change's own
/// transaction by <see cref="BookingStore"/>). The conversation sends them after each batch, as automated messages
/// (origin <c>system</c>), whether the AI's reply went out, was cancelled because the consultant took over, or is
/// being resumed after a crash: a booking the contact made is always confirmed, once. Each is written from the change
/// (its time then) and the booking now (its video link), in the contact's language and time zone. The table is read on
/// an activation's first look and then only when this silo recorded one for the contact (<see cref="NewBookingNotices"/>):
/// a batch that booked nothing reads nothing.
/// </summary>
public sealed class BookingChatNotices(
    NpgsqlDataSource dataSource, SharedRoundTrips shared, BookingStore store, BookingConfirmations confirmations, NewBookingNotices newNotices,
    TimeProvider time)
{
    /// <summary>Sends the contact's unsent confirmations in the order of the changes, each marked sent (or why not) after.</summary>
    /// <param name="firstLook">The conversation's activation has not read them yet (or its last look failed): a crash or another silo may have left some.</param>
    /// <param name="send">The conversation's automated send (<see cref="IConversationGrain.SendAutomatedAsync"/>).</param>
    /// <returns>How many were handed to <paramref name="send"/>.</returns>
    public async Task<int> SendUnsentAsync(
        Guid consultantId, string contactAddress, bool firstLook, Func<AutomatedMessage, Task<AutomatedSendResult>> send)
    {
        if (!newNotices.Take(consultantId, contactAddress) && !firstLook)
        {
            return 0; // nothing recorded here since the last look, and that look read the table
        }

        var unsent = await UnsentAsync(consultantId, contactAddress);
        foreach (var notice in unsent)
        {
            var result = await send(new AutomatedMessage(await WriteAsync(consultantId, notice), MessageOrigin.System));
            await MarkSentAsync(consultantId, notice, result);
        }

        return unsent.Count;
    }

    /// <summary>When the slot booked while answering <paramref name="batchId"/> starts (a batch resumed after a crash finds what it booked); null when nothing was.</summary>
    public async Task<DateTimeOffset?> BookedInBatchAsync(Guid consultantId, string contactAddress, Guid batchId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var startsAt = await connection.QueryFirstOrDefaultAsync<DateTime?>(
            """
            SELECT starts_at FROM booking_chat_notices
             WHERE consultant_id = @consultantId AND contact_address = @contactAddress AND batch_id = @batchId AND kind = 'Booked'
             ORDER BY created_at DESC LIMIT 1
            """,
            new { consultantId, contactAddress, batchId });
        return startsAt is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    private async Task<string> WriteAsync(Guid consultantId, NoticeRow notice)
    {
        var booking = await store.FindAsync(consultantId, notice.BookingId)
            ?? throw new InvalidOperationException($"Booking {notice.BookingId} of a notice is gone."); // the notice cascades with it
        var kind = Enum.Parse<BookingMessageKind>(notice.Kind);
        // The time the change set (a later change has its own notice); the link and the rest as they are now.
        var asChanged = booking with { StartsAt = notice.StartsAtInstant, DurationMinutes = notice.DurationMinutes };
        return (await confirmations.WriteAsync(kind, asChanged)).Text;
    }

    /// <summary>
    /// Every new activation looks once, so this rides in the shared round trips: on its own connection it was 1.4 % of
    /// the silo while new conversations arrived (bench/NOTES.md, session 17).
    /// </summary>
    private Task<IReadOnlyList<NoticeRow>> UnsentAsync(Guid consultantId, string contactAddress) =>
        shared.QueryAsync<NoticeRow>(
            """
            SELECT booking_id AS BookingId, sequence AS Sequence, kind AS Kind, starts_at AS StartsAt, duration_minutes AS DurationMinutes
              FROM booking_chat_notices
             WHERE consultant_id = @consultantId AND contact_address = @contactAddress AND sent_at IS NULL
             ORDER BY created_at, booking_id, sequence
            """,
            new { consultantId, contactAddress });

    private async Task MarkSentAsync(Guid consultantId, NoticeRow notice, AutomatedSendResult result)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            UPDATE booking_chat_notices SET sent_at = @now, message_id = @messageId, problem = @problem
             WHERE consultant_id = @consultantId AND booking_id = @BookingId AND sequence = @Sequence
            """,
            new { consultantId, notice.BookingId, notice.Sequence, now = time.GetUtcNow().ToUniversalTime(), messageId = result.Message?.Id, problem = result.Problem });
    }

    private sealed record NoticeRow(Guid BookingId, int Sequence, string Kind, DateTime StartsAt, int DurationMinutes)
    {
        public DateTimeOffset StartsAtInstant => new(DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc));
    }
}
