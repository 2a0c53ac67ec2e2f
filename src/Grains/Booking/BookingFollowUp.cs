using Consultant.Grains.Analytics;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Booking;

/// <summary>
/// What follows a committed change to a booking: every registered outside calendar gets its new state (the video
/// link one makes is kept), a lead who booked moves to "booked" in the funnel, and each <see cref="IBookingListener"/> is told. A calendar that fails never undoes
/// the booking: it is logged here, and the calendar retries and tells the consultant on its own.
/// </summary>
public sealed partial class BookingFollowUp(
    BookingStore store, IEnumerable<IBookingCalendar> calendars, IEnumerable<IBookingListener> listeners, LeadFunnel funnel, ILogger<BookingFollowUp> logger)
{
    public async Task<BookedConsultation> BookedAsync(BookedConsultation booking, BookingContact contact)
    {
        if (contact.IsLead && contact.Address is { } address)
        {
            await funnel.MarkBookedAsync(booking.ConsultantId, address, LeadStageSource.Booking);
        }

        foreach (var listener in listeners)
        {
            await listener.BookedAsync(booking, contact);
        }

        return await ChangedAsync(booking);
    }

    public async Task<BookedConsultation> ChangedAsync(BookedConsultation booking)
    {
        foreach (var calendar in calendars)
        {
            try
            {
                var link = await calendar.SyncAsync(booking, CancellationToken.None);
                if (link is not null && link != booking.MeetingLink && booking.Status == BookingStatus.Scheduled)
                {
                    await store.SetMeetingLinkAsync(booking.ConsultantId, booking.Id, link);
                    booking = booking with { MeetingLink = link };
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SyncFailed(logger, e, calendar.GetType().Name, booking.Id);
            }
        }

        return booking;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar {Calendar} could not take booking {BookingId}; the booking stands")]
    private static partial void SyncFailed(ILogger logger, Exception exception, string calendar, Guid bookingId);
}
