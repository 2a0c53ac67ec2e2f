using Consultant.Grains.Booking;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Calendar;

/// <summary>
/// Brings a booking's copy in Google Calendar to the booking's state: booked → an event with a Meet link, moved → the
/// event patched, cancelled → the event deleted. A failure leaves the booking as it is, stores why, and is tried again
/// by <see cref="GoogleCalendarRetryGrain"/> (every minute at first, then less often); a permission Google no longer
/// accepts, or a change it refuses, is not retried.
/// </summary>
public sealed partial class GoogleCalendarSync(
    GoogleConnectionStore connections,
    GoogleEventStore events,
    GoogleCalendarApi api,
    GoogleAccessTokens tokens,
    TimeProvider time,
    ILogger<GoogleCalendarSync> logger)
{
    /// <summary>After this many failed tries a copy is left with its error shown (about two days of tries).</summary>
    public const int MaxAttempts = 48;

    private const int RetriesPerRound = 200;
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>Records the booking's state and copies it; returns the Meet link Google has for it (or null).</summary>
    public async Task<string?> SyncAsync(BookedConsultation booking, CancellationToken cancellationToken)
    {
        if (booking.Status is not (BookingStatus.Scheduled or BookingStatus.Cancelled)
            || await connections.FindAsync(booking.ConsultantId) is not { IsConnected: true })
        {
            return (await events.FindAsync(booking.ConsultantId, booking.Id))?.MeetLink;
        }

        var row = await events.RecordWantedAsync(booking, SummaryOf(booking));
        var link = await CopyAsync(row, cancellationToken);
        return booking.Status == BookingStatus.Scheduled ? link : null;
    }

    /// <summary>The copies due for another try; returns how many are in Google now.</summary>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken)
    {
        var synced = 0;
        foreach (var row in await events.DueAsync(time.GetUtcNow(), RetriesPerRound))
        {
            await CopyAsync(row, cancellationToken);
            synced += (await events.FindAsync(row.ConsultantId, row.ConsultationId))?.LastError is null ? 1 : 0;
        }

        return synced;
    }

    private async Task<string?> CopyAsync(GoogleEventRow row, CancellationToken cancellationToken)
    {
        if (await connections.FindAsync(row.ConsultantId) is not { IsConnected: true } connection)
        {
            return row.MeetLink;
        }

        try
        {
            var copied = row.WantedStatus switch
            {
                BookingStatus.Scheduled when row.EventId is null => await InsertAsync(connection, row, cancellationToken),
                BookingStatus.Scheduled when row.SyncedSequence < row.WantedSequence || row.SyncedStatus != BookingStatus.Scheduled
                    => await MoveAsync(connection, row, cancellationToken),
                BookingStatus.Cancelled when row.SyncedStatus != BookingStatus.Cancelled => await RemoveAsync(connection, row, cancellationToken),
                _ => null,
            };
            if (copied is null)
            {
                return row.MeetLink;
            }

            await events.MarkSyncedAsync(row, copied.Id ?? row.EventId, copied.MeetLink);
            return copied.MeetLink ?? row.MeetLink;
        }
        catch (GoogleRequestException ex)
        {
            await FailedAsync(row, ex);
            return row.MeetLink;
        }
    }

    private async Task<GoogleEvent> InsertAsync(GoogleConnectionRow connection, GoogleEventRow row, CancellationToken cancellationToken)
    {
        var wanted = new GoogleEvent(
            Id: GoogleEventRow.EventIdOf(row.ConsultationId),
            Summary: row.Summary,
            Start: new GoogleEventTime(row.StartsAt),
            End: new GoogleEventTime(row.EndsAt),
            ConferenceData: new GoogleConferenceData(new GoogleCreateConferenceRequest(
                row.ConsultationId.ToString("N"), new GoogleConferenceSolutionKey("hangoutsMeet"))));
        GoogleEvent made;
        try
        {
            made = await tokens.CallAsync(connection, token => api.InsertAsync(token, wanted, cancellationToken), cancellationToken);
        }
        catch (GoogleRequestException ex) when (ex.Failure == GoogleFailure.Exists)
        {
            // An earlier try made it and its answer was lost: bring that event to the booking instead of making another.
            made = await MoveAsync(connection, row with { EventId = wanted.Id }, cancellationToken);
        }

        // Google may make the conference a moment after answering ("pending"): read the event once more for its link.
        if (made.MeetLink is null && made.ConferenceData?.CreateRequest?.Status?.StatusCode == "pending" && made.Id is { } id)
        {
            made = await tokens.CallAsync(connection, token => api.GetAsync(token, id, cancellationToken), cancellationToken);
        }

        return made;
    }

    private async Task<GoogleEvent> MoveAsync(GoogleConnectionRow connection, GoogleEventRow row, CancellationToken cancellationToken)
    {
        var eventId = row.EventId ?? GoogleEventRow.EventIdOf(row.ConsultationId);
        var changes = new GoogleEvent(Status: "confirmed", Start: new GoogleEventTime(row.StartsAt), End: new GoogleEventTime(row.EndsAt));
        try
        {
            return await tokens.CallAsync(connection, token => api.PatchAsync(token, eventId, changes, cancellationToken), cancellationToken);
        }
        catch (GoogleRequestException ex) when (ex.Failure == GoogleFailure.Gone)
        {
            return new GoogleEvent(Id: eventId); // removed in Google Calendar by the consultant: nothing to move
        }
    }

    private async Task<GoogleEvent> RemoveAsync(GoogleConnectionRow connection, GoogleEventRow row, CancellationToken cancellationToken)
    {
        var eventId = row.EventId ?? GoogleEventRow.EventIdOf(row.ConsultationId);
        try
        {
            await tokens.CallAsync(connection, async token =>
            {
                await api.DeleteAsync(token, eventId, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (GoogleRequestException ex) when (ex.Failure == GoogleFailure.Gone)
        {
            // never made, or already deleted: the calendar is as it should be
        }

        return new GoogleEvent(Id: row.EventId);
    }

    private async Task FailedAsync(GoogleEventRow row, GoogleRequestException ex)
    {
        var now = time.GetUtcNow();
        var problem = GoogleCalendarProblem.Of(ex.Failure);
        var retry = problem == GoogleCalendarProblem.Unavailable && row.Attempts + 1 < MaxAttempts;
        await events.MarkFailedAsync(row, problem, now, retry ? now + WaitBefore(row.Attempts + 1) : null);
        CopyFailed(logger, row.ConsultationId, row.ConsultantId, ex.Message, retry);
    }

    /// <summary>The first retry at the next minute's sweep, then 1, 2, 4… minutes, at most an hour.</summary>
    public static TimeSpan WaitBefore(int failedAttempts) => failedAttempts <= 1
        ? TimeSpan.Zero
        : TimeSpan.FromMinutes(Math.Min(LongestWait.TotalMinutes, Math.Pow(2, failedAttempts - 2)));

    private static string SummaryOf(BookedConsultation booking) =>
        string.IsNullOrWhiteSpace(booking.Topic) ? $"Consultation: {booking.ContactName}" : $"Consultation: {booking.ContactName} – {booking.Topic}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying consultation {ConsultationId} of consultant {ConsultantId} to Google Calendar failed: {Reason} (retried: {Retried})")]
    private static partial void CopyFailed(ILogger logger, Guid consultationId, Guid consultantId, string reason, bool retried);
}
