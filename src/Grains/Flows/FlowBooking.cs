using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Grains.Booking.Chat;
using Consultant.Grains.Common;
using Consultant.Grains.Interactive;
using NodaTime;

namespace Consultant.Grains.Flows;

/// <summary>
/// A flow's booking step: the consultant's free slots of the next two weeks in the contact's time zone, held for the
/// contact and offered as a list (at most 9, and "Another time") under the booking chat's opaque ids
/// (<see cref="OfferedSlots"/>); a pick books through <see cref="BookingService"/> with the batch's id, so its
/// confirmation is recorded with the booking and the conversation sends it after the batch (<see cref="BookingChatNotices"/>):
/// once, also after a crash or when the consultant takes over.
/// </summary>
public sealed class FlowBooking(
    BookingService bookings, OfferedSlots offers, BookingChatNotices notices, ContactTimeZones timeZones, TimeProvider time)
{
    public const string OtherTime = "other";
    private const int MaxSlots = InteractiveLimits.MaxListItems - 1;
    private const int SearchDays = 14;

    /// <summary>The step's question with the free slots as options; null when nothing is free.</summary>
    public async Task<InteractiveQuestion?> OfferAsync(FlowContact contact, FlowStep step)
    {
        var zone = TimeZones.Get((await timeZones.GetAsync(contact.ConsultantId, contact.Address)).TimeZone);
        var now = time.GetUtcNow();
        var today = Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateOnly();
        var free = await bookings.FindSlotsAsync(contact.ConsultantId, AnalyticsPeriod.Of(today, today.AddDays(SearchDays)).Value!, contact.Address);
        var picked = free.GroupBy(slot => Instant.FromDateTimeOffset(slot.StartsAt).InZone(zone).Date)
            .SelectMany(day => day.Take(2))
            .Take(MaxSlots)
            .Select(slot => slot.StartsAt)
            .ToList();
        if (picked.Count == 0)
        {
            return null;
        }

        // Held for a few minutes so nobody else takes them while the contact chooses; one taken meanwhile is left out.
        var held = await bookings.HoldAsync(contact.ConsultantId, contact.Address, picked);
        var starts = held.Value?.Holds.Select(h => h.StartsAt).OrderBy(s => s).ToList() ?? picked;
        if (starts.Count == 0)
        {
            return null;
        }

        var offered = await offers.ReplaceAsync(contact.ConsultantId, contact.Address, starts, now);
        return Question(contact, step, offered, zone);
    }

    /// <summary>The question as it was offered (to read a typed answer: a number or the slot's text).</summary>
    public async Task<InteractiveQuestion> OfferedAsync(FlowContact contact, FlowStep step)
    {
        var zone = TimeZones.Get((await timeZones.GetAsync(contact.ConsultantId, contact.Address)).TimeZone);
        return Question(contact, step, await offers.ListAsync(contact.ConsultantId, contact.Address, time.GetUtcNow()), zone);
    }

    /// <summary>Books the offered slot <paramref name="optionId"/> while answering batch <paramref name="batchId"/>; null when it was not offered or is gone.</summary>
    public async Task<FlowBookedSlot?> BookAsync(FlowContact contact, Guid batchId, string optionId)
    {
        if (!Guid.TryParseExact(optionId, "N", out var id) || await offers.FindAsync(contact.ConsultantId, contact.Address, id) is not { } slot)
        {
            return null;
        }

        var booked = await bookings.BookForContactAsync(contact.ConsultantId, contact.Address, slot.StartsAt, chatBatchId: batchId);
        if (booked.Value is not { } booking)
        {
            return null;
        }

        await offers.ReplaceAsync(contact.ConsultantId, contact.Address, [], time.GetUtcNow());
        return await SlotAsync(contact, booking.StartsAt);
    }

    /// <summary>The slot booked while answering <paramref name="batchId"/> before (a batch resumed after a crash: the offer is gone by then); null when none was.</summary>
    public async Task<FlowBookedSlot?> BookedInBatchAsync(FlowContact contact, Guid batchId) =>
        await notices.BookedInBatchAsync(contact.ConsultantId, contact.Address, batchId) is { } startsAt ? await SlotAsync(contact, startsAt) : null;

    private async Task<FlowBookedSlot> SlotAsync(FlowContact contact, DateTimeOffset startsAt)
    {
        var zone = TimeZones.Get((await timeZones.GetAsync(contact.ConsultantId, contact.Address)).TimeZone);
        return new FlowBookedSlot(startsAt, Label(startsAt, zone, contact.Language.Culture));
    }

    private static InteractiveQuestion Question(FlowContact contact, FlowStep step, IReadOnlyList<OfferedSlot> offered, DateTimeZone zone)
    {
        var options = offered
            .Select(slot => new InteractiveOption(slot.Id.ToString("N"), Label(slot.StartsAt, zone, contact.Language.Culture)))
            .Append(new InteractiveOption(OtherTime, FlowTexts.Get("OtherTime", contact.Language)))
            .ToList();
        return new InteractiveQuestion(FlowQuestions.Text(step.Question, contact.Language), options, contact.Language);
    }

    /// <summary>"ven 27 nov 10:00" in the contact's zone and language: fits a list item (24 characters).</summary>
    private static string Label(DateTimeOffset startsAt, DateTimeZone zone, CultureInfo culture)
    {
        var local = Instant.FromDateTimeOffset(startsAt).InZone(zone).LocalDateTime;
        return local.ToDateTimeUnspecified().ToString("ddd d MMM HH:mm", culture).Replace(".", string.Empty, StringComparison.Ordinal);
    }
}
