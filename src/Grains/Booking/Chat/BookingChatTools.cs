using System.Globalization;
using System.Text;
using Consultant.Grains.Accounts;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using NodaTime;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// Opens the booking tools for one reply, tells the model how to use them (with the slots it offered the contact
/// before and the contact's bookings, each under its id). The confirmations of the changes the tools make are the
/// system's (<see cref="BookingChatNotices"/>).
/// </summary>
/// <remarks>
/// The tools are offered in every AI reply (clients and leads): availability always exists (defaults until the
/// consultant saves their own), and the working hours, notice and horizon are what limit what can be booked.
/// </remarks>
public sealed class BookingChatTools(
    BookingService bookings, OfferedSlots offers, BookingPromptFacts facts, ContactTimeZones contactZones, AccountSettingsService accounts,
    TimeProvider time)
{
    /// <param name="batchId">The batch the reply answers.</param>
    public async Task<BookingChat> OpenAsync(Guid consultantId, string contactAddress, Guid batchId, ContactLanguage language)
    {
        var contactZone = (await contactZones.GetAsync(consultantId, contactAddress)).TimeZone;
        var consultantZone = (await accounts.GetCalendarAsync(consultantId)).TimeZone;
        return new BookingChat(bookings, offers, time, consultantId, contactAddress, batchId, contactZone, consultantZone, language);
    }

    /// <summary>The rules of the tools and what the model needs to pick up where the last reply left off.</summary>
    public async Task<string> PromptAsync(BookingChat chat)
    {
        var now = time.GetUtcNow();
        var today = Instant.FromDateTimeOffset(now).InZone(TimeZones.Get(chat.ContactTimeZone)).Date;
        var text = new StringBuilder("## Booking consultations").AppendLine();
        text.AppendLine("You can find free slots, book, list, cancel and move this contact's consultations with the tools.");
        text.AppendLine("- Offer only slots find_free_slots returned, with their times exactly as the tool wrote them; never invent a time.");
        text.AppendLine("- Book or move only with a slot_id a tool gave; cancel or move only with a booking_id a tool gave.");
        text.AppendLine("- Never confirm a booking, a move or a cancellation yourself and never write a video or calendar link: when a tool " +
            "succeeds, the system sends the confirmation right after your message.");
        text.AppendLine("- If a tool says a slot was just taken, say so and offer the other times it gave.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Today in the contact's time zone ({chat.ContactTimeZone}) is {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({today.DayOfWeek}).");

        var (offered, upcoming) = await facts.ReadAsync(chat.ConsultantId, chat.ContactAddress, now);
        if (offered.Count > 0)
        {
            text.AppendLine("Slots last offered to this contact (in this order):");
            foreach (var slot in offered)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- slot_id {slot.Id}: {chat.When(slot.StartsAt)}");
            }
        }

        if (upcoming.Count > 0)
        {
            text.AppendLine("This contact's upcoming consultations:");
            foreach (var booking in upcoming)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- booking_id {booking.Id}: {chat.When(booking.StartsAt)}, {booking.DurationMinutes} min");
            }
        }

        return text.ToString();
    }
}
