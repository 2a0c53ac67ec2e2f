using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;
using Consultant.Grains.Messages;
using Microsoft.Extensions.Logging;

namespace Consultant.Grains.Booking;

/// <summary>
/// The consultant books, cancels or moves a consultation (the Calendar page and <c>/api/bookings*</c>, one path):
/// <see cref="BookingService"/> makes the change, then the contact is told in the chat, in their language, with the
/// system-written confirmation (<see cref="BookingConfirmations"/>, origin <c>system</c>) through
/// <see cref="IConversationGrain.SendAutomatedAsync"/>. The change stands whether or not the message went out; the
/// answer says which, and why not (opted out, outside the 24-hour window, Twilio's refusal, no conversation), with the
/// booking as every booking answer gives it (<see cref="BookingService.WithContactAddressesAsync"/>).
/// </summary>
public sealed partial class ConsultantBookingChanges(
    BookingService bookings, BookingConfirmations confirmations, IGrainFactory grains, ILogger<ConsultantBookingChanges> logger)
{
    public async Task<Result<BookingChange>> BookAsync(Guid consultantId, BookingRequest request) =>
        await TellAsync(BookingMessageKind.Booked, await bookings.BookAsync(consultantId, request));

    public async Task<Result<BookingChange>> CancelAsync(Guid consultantId, Guid bookingId, string? reason) =>
        await TellAsync(BookingMessageKind.Cancelled, await bookings.CancelAsync(consultantId, bookingId, reason));

    public async Task<Result<BookingChange>> RescheduleAsync(Guid consultantId, Guid bookingId, DateTimeOffset? startsAt) =>
        await TellAsync(BookingMessageKind.Rescheduled, await bookings.RescheduleAsync(consultantId, bookingId, startsAt));

    private async Task<Result<BookingChange>> TellAsync(BookingMessageKind kind, Result<BookedConsultation> changed)
    {
        if (changed.Value is not { } booking)
        {
            return changed.Problem!;
        }

        var notice = await NoticeAsync(kind, booking);
        // Answered as GET /api/bookings gives it: a client without a chat still has the address they would be written to.
        return new BookingChange((await bookings.WithContactAddressesAsync(booking.ConsultantId, [booking]))[0], notice);
    }

    private async Task<ContactNotice> NoticeAsync(BookingMessageKind kind, BookedConsultation booking)
    {
        if (booking.ContactAddress is not { } address)
        {
            return new ContactNotice(false, ContactNotice.NoConversation, null);
        }

        try
        {
            var confirmation = await confirmations.WriteAsync(kind, booking);
            var sent = await grains.GetGrain<IConversationGrain>(ConversationKey.Format(booking.ConsultantId, address))
                .SendAutomatedAsync(new AutomatedMessage(confirmation.Text, MessageOrigin.System), CancellationToken.None);
            return new ContactNotice(sent.Sent, sent.Problem, sent.Message?.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            NotTold(logger, e, booking.Id); // the change is committed: it stands, and the consultant is asked to tell them
            return new ContactNotice(false, ContactNotice.NotSentNow, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The contact of booking {BookingId} could not be told of its change")]
    private static partial void NotTold(ILogger logger, Exception exception, Guid bookingId);
}
