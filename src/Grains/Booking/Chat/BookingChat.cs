using System.Globalization;
using System.Text;
using System.Text.Json;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Microsoft.Extensions.AI;

namespace Consultant.Grains.Booking.Chat;

/// <summary>
/// The booking tools for one reply to one contact: find free slots (held for the contact and offered under opaque
/// ids), book one of those, list, cancel and move the contact's own bookings. Every answer is text for the model;
/// times are the contact's (with the consultant's beside when the clocks differ). What the tools book, move or cancel
/// is recorded with the change as a confirmation owed to the contact (<see cref="BookingChatNotices"/>): the system,
/// not the model, confirms each, even if this reply is then cancelled.
/// </summary>
public sealed class BookingChat
{
    /// <summary>The longest range of days one search covers.</summary>
    public const int MaxSearchDays = 14;

    private static readonly JsonElement FindFreeSlotsParameters = ChatTool.Parameters(new Dictionary<string, string>
    {
        ["from"] = "First day to search, yyyy-MM-dd",
        ["to"] = $"Last day to search, yyyy-MM-dd (at most {MaxSearchDays} days after from)",
    }, "from", "to");

    private static readonly JsonElement BookSlotParameters = ChatTool.Parameters(new Dictionary<string, string> { ["slot_id"] = "The slot_id exactly as find_free_slots gave it" }, "slot_id");

    private static readonly JsonElement ListMyBookingsParameters = ChatTool.Parameters(new Dictionary<string, string> { ["from"] = "Only those on or after this day, yyyy-MM-dd (optional)" });

    private static readonly JsonElement CancelBookingParameters = ChatTool.Parameters(new Dictionary<string, string>
    {
        ["booking_id"] = "The booking_id exactly as list_my_bookings gave it",
        ["reason"] = "Why, in the contact's words (optional)",
    }, "booking_id");

    private static readonly JsonElement RescheduleBookingParameters = ChatTool.Parameters(new Dictionary<string, string>
    {
        ["booking_id"] = "The booking_id exactly as list_my_bookings gave it",
        ["slot_id"] = "The new slot's slot_id exactly as find_free_slots gave it",
    }, "booking_id", "slot_id");

    private readonly BookingService bookings;
    private readonly OfferedSlots offers;
    private readonly TimeProvider time;

    internal BookingChat(
        BookingService bookings, OfferedSlots offers, TimeProvider time, Guid consultantId, string contactAddress, Guid batchId,
        string contactTimeZone, string consultantTimeZone, ContactLanguage language)
    {
        (this.bookings, this.offers, this.time) = (bookings, offers, time);
        (ConsultantId, ContactAddress, BatchId, ContactTimeZone, ConsultantTimeZone, Language) =
            (consultantId, contactAddress, batchId, contactTimeZone, consultantTimeZone, language);
        Tools =
        [
            new ChatTool(BookingToolNames.FindFreeSlots,
                "Finds free consultation slots between two dates and keeps about three of them for this contact. Offer only these, with their times exactly as written.",
                FindFreeSlotsParameters,
                FindFreeSlotsAsync),
            new ChatTool(BookingToolNames.BookSlot,
                "Books one slot that find_free_slots offered to this contact. The system then sends the confirmation.",
                BookSlotParameters,
                BookSlotAsync),
            new ChatTool(BookingToolNames.ListMyBookings,
                "Lists this contact's upcoming consultations with their booking_id.",
                ListMyBookingsParameters,
                ListMyBookingsAsync),
            new ChatTool(BookingToolNames.CancelBooking,
                "Cancels one of this contact's upcoming consultations. The system then sends the confirmation.",
                CancelBookingParameters,
                CancelBookingAsync),
            new ChatTool(BookingToolNames.RescheduleBooking,
                "Moves one of this contact's upcoming consultations to a slot find_free_slots offered. The system then sends the confirmation.",
                RescheduleBookingParameters,
                RescheduleBookingAsync),
        ];
    }

    public Guid ConsultantId { get; }

    public string ContactAddress { get; }

    /// <summary>The batch this reply answers: the changes' confirmations are recorded under it.</summary>
    public Guid BatchId { get; }

    public string ContactTimeZone { get; }

    public string ConsultantTimeZone { get; }

    public ContactLanguage Language { get; }

    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>A start as the contact reads it (see <see cref="BookingMessages.When"/>).</summary>
    public string When(DateTimeOffset startsAt) => BookingMessages.When(startsAt, ContactTimeZone, ConsultantTimeZone, Language);

    private async Task<string> FindFreeSlotsAsync(ChatToolArguments arguments)
    {
        var from = arguments.Date("from");
        var to = arguments.Date("to");
        if (arguments.HasProblems)
        {
            return arguments.Problems;
        }

        if (to < from || to!.Value.DayNumber - from!.Value.DayNumber >= MaxSearchDays)
        {
            return $"'to' must be on or after 'from' and at most {MaxSearchDays - 1} days after it.";
        }

        var free = await bookings.FindSlotsAsync(ConsultantId, AnalyticsPeriod.Of(from.Value, to.Value).Value!, ContactAddress);
        var picked = SlotChoice.Pick(free, TimeZones.Get(ContactTimeZone));
        return picked.Count == 0
            ? $"Nothing is free from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}. Ask the contact about other days, then search again."
            : await OfferAsync(picked.Select(slot => slot.StartsAt).ToList(), "Free slots, kept for this contact for a few minutes:");
    }

    private async Task<string> BookSlotAsync(ChatToolArguments arguments)
    {
        var slotId = arguments.Id("slot_id");
        if (arguments.HasProblems)
        {
            return arguments.Problems;
        }

        if (await offers.FindAsync(ConsultantId, ContactAddress, slotId!.Value) is not { } slot)
        {
            return NotOffered;
        }

        var booked = await bookings.BookForContactAsync(ConsultantId, ContactAddress, slot.StartsAt, BatchId);
        if (booked.Value is { } booking)
        {
            await offers.ReplaceAsync(ConsultantId, ContactAddress, [], time.GetUtcNow());
            return $"Booked: booking_id {booking.Id}, {When(booking.StartsAt)}, {booking.DurationMinutes} min. {SystemConfirms}";
        }

        return await RefusedAsync(booked.Problem!, slot.StartsAt);
    }

    private async Task<string> ListMyBookingsAsync(ChatToolArguments arguments)
    {
        var from = arguments.Text("from", required: false) is null ? null : arguments.Date("from");
        if (arguments.HasProblems)
        {
            return arguments.Problems;
        }

        var zone = TimeZones.Get(ContactTimeZone);
        var upcoming = (await bookings.ListForContactAsync(ConsultantId, ContactAddress))
            .Where(booking => from is null || NodaTime.Instant.FromDateTimeOffset(booking.StartsAt).InZone(zone).Date.ToDateOnly() >= from)
            .ToList();
        if (upcoming.Count == 0)
        {
            return "This contact has no upcoming consultations.";
        }

        var text = new StringBuilder("This contact's upcoming consultations:\n");
        foreach (var booking in upcoming)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- booking_id {booking.Id}: {When(booking.StartsAt)}, {booking.DurationMinutes} min");
        }

        return text.ToString();
    }

    private async Task<string> CancelBookingAsync(ChatToolArguments arguments)
    {
        var bookingId = arguments.Id("booking_id");
        var reason = arguments.Text("reason", required: false);
        if (arguments.HasProblems)
        {
            return arguments.Problems;
        }

        var cancelled = await bookings.CancelAsync(ConsultantId, bookingId!.Value, reason, ContactAddress, BatchId);
        if (cancelled.Value is { } booking)
        {
            return $"Cancelled: the consultation of {When(booking.StartsAt)}. {SystemConfirms}";
        }

        return cancelled.NotFound ? NotTheirs : Words(cancelled.Problem!);
    }

    private async Task<string> RescheduleBookingAsync(ChatToolArguments arguments)
    {
        var bookingId = arguments.Id("booking_id");
        var slotId = arguments.Id("slot_id");
        if (arguments.HasProblems)
        {
            return arguments.Problems;
        }

        if (await offers.FindAsync(ConsultantId, ContactAddress, slotId!.Value) is not { } slot)
        {
            return NotOffered;
        }

        // The contact's own holds would stand in the way of their move to one of them: they are let go first.
        await bookings.HoldAsync(ConsultantId, ContactAddress, []);
        var moved = await bookings.RescheduleAsync(ConsultantId, bookingId!.Value, slot.StartsAt, ContactAddress, BatchId);
        if (moved.Value is { } booking)
        {
            await offers.ReplaceAsync(ConsultantId, ContactAddress, [], time.GetUtcNow());
            return $"Moved: booking_id {booking.Id} is now {When(booking.StartsAt)}. {SystemConfirms}";
        }

        return moved.NotFound ? NotTheirs : await RefusedAsync(moved.Problem!, slot.StartsAt);
    }

    /// <summary>Holds the slots for the contact and offers those held under new ids (replacing the earlier offer).</summary>
    private async Task<string> OfferAsync(IReadOnlyList<DateTimeOffset> startsAt, string heading)
    {
        var held = await bookings.HoldAsync(ConsultantId, ContactAddress, startsAt);
        if (held.Value is not { } holds || holds.Holds.Count == 0)
        {
            return held.NotFound ? "Booking is not possible in this conversation." : "Those times were taken meanwhile: search again.";
        }

        var offered = await offers.ReplaceAsync(ConsultantId, ContactAddress, holds.Holds.Select(hold => hold.StartsAt), time.GetUtcNow());
        var text = new StringBuilder(heading).AppendLine();
        foreach (var slot in offered)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- slot_id {slot.Id}: {When(slot.StartsAt)}");
        }

        return text.Append("Offer these times to the contact as written; book only with one of these slot_id values.").ToString();
    }

    /// <summary>A slot taken meanwhile: other free times, held and offered in its place; any other refusal in words.</summary>
    private async Task<string> RefusedAsync(Problem problem, DateTimeOffset wanted)
    {
        if (problem.Kind != ProblemKind.Conflict || !problem.Errors.ToDictionary().ContainsKey("startsAt"))
        {
            return problem.Kind == ProblemKind.Invalid ? $"That time cannot be booked: {problem.Errors} Search for other times." : Words(problem);
        }

        var others = await bookings.AlternativesAsync(ConsultantId, wanted, ContactAddress);
        return others.Count == 0
            ? "That slot was just taken, and nothing else is free that week. Tell the contact and ask about other days."
            : await OfferAsync([.. others.Select(slot => slot.StartsAt)], "That slot was just taken by someone else. Offer these instead:");
    }

    private static string Words(Problem problem) => problem.Detail ?? problem.Errors.ToString();

    private const string SystemConfirms =
        "The system sends the contact the confirmation with the date, the video link and the calendar file right after your message: " +
        "do not repeat them, just say in a few words that it is done.";

    private const string NotOffered =
        "That slot_id was not offered to this contact. Book only a slot_id find_free_slots gave in this conversation; search again if needed.";

    private const string NotTheirs = "This contact has no upcoming consultation with that booking_id; call list_my_bookings.";
}
