using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Calendar;

/// <summary>
/// The consultant's Google Calendar as a booking calendar: busy times from <c>freeBusy.query</c> on the primary
/// calendar, and every booking change copied (<see cref="GoogleCalendarSync"/>). A consultant who has not connected it
/// gets nothing and null; Google failing never fails a booking.
/// </summary>
public sealed partial class GoogleCalendar(
    GoogleConnectionStore connections,
    GoogleCalendarApi api,
    GoogleAccessTokens tokens,
    GoogleCalendarSync sync,
    TimeProvider time,
    ILogger<GoogleCalendar> logger) : IBookingCalendar
{
    public async Task<IReadOnlyList<TimeRange>> BusyAsync(Guid consultantId, TimeRange range, CancellationToken cancellationToken)
    {
        if (await connections.FindAsync(consultantId) is not { IsConnected: true } connection)
        {
            return [];
        }

        try
        {
            var busy = await tokens.CallAsync(connection, token => api.BusyAsync(token, range, cancellationToken), cancellationToken);
            if (connection.Problem == GoogleCalendarProblem.Unavailable)
            {
                await connections.SetProblemAsync(consultantId, null, time.GetUtcNow());
            }

            return busy;
        }
        catch (GoogleRequestException ex)
        {
            BusyFailed(logger, consultantId, ex.Message);
            if (ex.Failure != GoogleFailure.Revoked)
            {
                await connections.SetProblemAsync(consultantId, GoogleCalendarProblem.Unavailable, time.GetUtcNow());
            }

            return [];
        }
    }

    public Task<string?> SyncAsync(BookedConsultation booking, CancellationToken cancellationToken) => sync.SyncAsync(booking, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Busy times of consultant {ConsultantId} could not be read from Google Calendar: {Reason}")]
    private static partial void BusyFailed(ILogger logger, Guid consultantId, string reason);
}
