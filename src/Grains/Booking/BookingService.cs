using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Analytics;
using Consultant.Grains.Common;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Booking;

/// <summary>
/// Booking, for the consultant (API, Calendar page) and for a contact in the chat (the booking tools): free slots,
/// holds, bookings, cancelling and moving. Every answer is a <see cref="Result{T}"/>: a past time, a time outside the
/// working hours or a malformed request is Invalid naming the field; a time taken is a Conflict ("that slot was just
/// taken", with free times instead); another consultant's booking, or another contact's, is NotFound. A contact is
/// known by their conversation's address and sees and changes only their own bookings.
/// </summary>
public sealed class BookingService(
    BookingStore store, BookingContacts contacts, AvailabilityService availability, IEnumerable<IBookingCalendar> calendars,
    BookingFollowUp followUp, IOptions<BookingOptions> options, TimeProvider time) : IConsultantBookings
{
    public const int ReasonLength = 500;

    /// <summary>The topic of a consultation booked without one.</summary>
    public const string DefaultTopic = "Consultation";

    /// <summary>
    /// Free slots on the local dates of <paramref name="period"/>: working hours minus consultations and live holds
    /// (with their buffers) minus the outside calendars' busy times, from the minimum notice on and within the horizon.
    /// The holds of <paramref name="contactAddress"/> (the contact asking) are theirs and not taken away.
    /// </summary>
    public async Task<IReadOnlyList<FreeSlot>> FindSlotsAsync(Guid consultantId, AnalyticsPeriod period, string? contactAddress = null)
    {
        var settings = await availability.GetAsync(consultantId);
        var zone = TimeZones.Get(settings.TimeZone);
        var range = new TimeRange(
            SlotFinder.Instant(zone, period.From.AddDays(-1), TimeOnly.MinValue), SlotFinder.Instant(zone, period.To.AddDays(2), TimeOnly.MinValue));
        var now = time.GetUtcNow();
        var busy = (await store.BusyAsync(consultantId, range, now, contactAddress)).ToList();
        foreach (var calendar in calendars)
        {
            busy.AddRange(await calendar.BusyAsync(consultantId, range, CancellationToken.None));
        }

        return SlotFinder.Find(settings, now, period.From, period.To, busy);
    }

    /// <summary>
    /// Keeps the slots offered to a contact from others for <c>Booking:HoldMinutes</c> (10); their earlier holds go.
    /// A slot taken meanwhile is left out of the answer. 404 for an address that is not one of the consultant's conversations.
    /// </summary>
    public async Task<Result<HeldSlots>> HoldAsync(Guid consultantId, string contactAddress, IReadOnlyList<DateTimeOffset> startsAt)
    {
        if (await contacts.OfAddressAsync(consultantId, contactAddress) is not { } contact)
        {
            return Problem.NotFound();
        }

        var settings = await availability.GetAsync(consultantId);
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        for (var i = 0; i < startsAt.Count; i++)
        {
            BookingTimeRules.Check(errors, string.Create(CultureInfo.InvariantCulture, $"startsAt[{i}]"), settings, startsAt[i],
                settings.ConsultationMinutes, now, byContact: true);
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var expiresAt = now.AddMinutes(options.Value.HoldMinutes);
        var holds = startsAt.Distinct().Select(start => Row(consultantId, contact, start, settings.ConsultationMinutes, settings, BookingStatus.Held, null) with
        {
            HoldExpiresAt = expiresAt,
        }).ToList();
        return new HeldSlots(await store.HoldAsync(consultantId, contactAddress, holds, now), expiresAt);
    }

    /// <summary>The consultant books for a conversation or a client: the time must be in the future and inside the working hours.</summary>
    public async Task<Result<BookedConsultation>> BookAsync(Guid consultantId, BookingRequest request)
    {
        var errors = new ValidationErrors();
        if (request.ConversationId is null == request.ClientId is null)
        {
            errors.Add("conversationId", "Give either conversationId or clientId: who the consultation is with.");
        }

        if (request.StartsAt is null)
        {
            errors.Add("startsAt", "The start is required (an ISO 8601 date and time with its offset).");
        }

        if (request.DurationMinutes is not null and not (>= InputLimits.MinConsultationMinutes and <= InputLimits.MaxConsultationMinutes))
        {
            errors.Add("durationMinutes", string.Create(CultureInfo.InvariantCulture,
                $"The duration is between {InputLimits.MinConsultationMinutes} and {InputLimits.MaxConsultationMinutes} minutes."));
        }

        errors.CheckLength("topic", request.Topic, InputLimits.TopicLength);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var contact = request.ConversationId is { } conversationId
            ? await contacts.OfConversationAsync(consultantId, conversationId)
            : await contacts.OfClientAsync(consultantId, request.ClientId!.Value);
        if (contact is null)
        {
            return Problem.NotFound();
        }

        var settings = await availability.GetAsync(consultantId);
        var topic = string.IsNullOrWhiteSpace(request.Topic) ? null : request.Topic.Trim();
        return await CreateAsync(consultantId, contact, request.StartsAt!.Value, request.DurationMinutes ?? settings.ConsultationMinutes,
            settings, topic, byContact: false);
    }

    /// <summary>
    /// A contact books in the chat: a slot of the consultation length, with the minimum notice and within the horizon.
    /// A slot they hold becomes their booking; one someone else holds or took is a Conflict with free times instead.
    /// </summary>
    /// <param name="chatBatchId">A booking tool books while answering this batch: the confirmation is recorded with the booking.</param>
    public async Task<Result<BookedConsultation>> BookForContactAsync(Guid consultantId, string contactAddress, DateTimeOffset startsAt, Guid? chatBatchId = null)
    {
        if (await contacts.OfAddressAsync(consultantId, contactAddress) is not { } contact)
        {
            return Problem.NotFound();
        }

        var settings = await availability.GetAsync(consultantId);
        return await CreateAsync(consultantId, contact, startsAt, settings.ConsultationMinutes, settings, null, byContact: true,
            Confirm(chatBatchId, contactAddress));
    }

    /// <summary>
    /// Cancels a scheduled consultation (the calendar file's sequence + 1). With <paramref name="contactAddress"/>
    /// only that contact's own; anyone else's is NotFound.
    /// </summary>
    /// <param name="chatBatchId">A booking tool cancels while answering this batch: the confirmation is recorded with the change.</param>
    public async Task<Result<BookedConsultation>> CancelAsync(
        Guid consultantId, Guid bookingId, string? reason, string? contactAddress = null, Guid? chatBatchId = null)
    {
        if (reason is { Length: > ReasonLength })
        {
            return Problem.Invalid("reason", string.Create(CultureInfo.InvariantCulture, $"The reason can have at most {ReasonLength} characters."));
        }

        var found = await OwnAsync(consultantId, bookingId, contactAddress);
        if (found.Value is not { } booking)
        {
            return found;
        }

        if (booking.Status != BookingStatus.Scheduled || await store.CancelAsync(consultantId, bookingId, Blank(reason), time.GetUtcNow(),
                Confirm(chatBatchId, contactAddress)) is not { } cancelled)
        {
            return NotScheduled(booking.Status);
        }

        return await followUp.ChangedAsync(cancelled);
    }

    /// <summary>
    /// Moves a scheduled consultation to <paramref name="startsAt"/>, same duration (sequence + 1). With
    /// <paramref name="contactAddress"/> only that contact's own, with the contact's rules (notice, horizon).
    /// </summary>
    /// <param name="chatBatchId">A booking tool moves it while answering this batch: the confirmation is recorded with the change.</param>
    public async Task<Result<BookedConsultation>> RescheduleAsync(
        Guid consultantId, Guid bookingId, DateTimeOffset? startsAt, string? contactAddress = null, Guid? chatBatchId = null)
    {
        if (startsAt is null)
        {
            return Problem.Invalid("startsAt", "The start is required (an ISO 8601 date and time with its offset).");
        }

        var found = await OwnAsync(consultantId, bookingId, contactAddress);
        if (found.Value is not { } booking)
        {
            return found;
        }

        if (booking.Status != BookingStatus.Scheduled)
        {
            return NotScheduled(booking.Status);
        }

        var settings = await availability.GetAsync(consultantId);
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        BookingTimeRules.Check(errors, "startsAt", settings, startsAt.Value, booking.DurationMinutes, now, byContact: contactAddress is not null);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var (moved, taken) = await store.MoveAsync(consultantId, bookingId, startsAt.Value.ToUniversalTime(), booking.DurationMinutes,
            settings.BufferMinutes, now, Confirm(chatBatchId, contactAddress));
        if (taken)
        {
            return await TakenAsync(consultantId, startsAt.Value, contactAddress);
        }

        return moved is null ? NotScheduled(BookingStatus.Cancelled) : await followUp.ChangedAsync(moved);
    }

    /// <summary>The contact's own upcoming consultations (by their address, or as the client they are), earliest first; none without a conversation.</summary>
    public Task<IReadOnlyList<BookedConsultation>> ListForContactAsync(Guid consultantId, string contactAddress) =>
        store.ListForConversationAsync(consultantId, contactAddress, time.GetUtcNow());

    /// <summary>The consultations starting on the local dates of <paramref name="period"/>, with the holds live now (the Calendar page, the API).</summary>
    public async Task<IReadOnlyList<BookedConsultation>> ListAsync(Guid consultantId, AnalyticsPeriod period)
    {
        var zone = TimeZones.Get((await availability.GetAsync(consultantId)).TimeZone);
        var range = new TimeRange(SlotFinder.Instant(zone, period.From, TimeOnly.MinValue), SlotFinder.Instant(zone, period.To.AddDays(1), TimeOnly.MinValue));
        return await store.ListAsync(consultantId, range, time.GetUtcNow());
    }

    public Task<BookedConsultation?> FindAsync(Guid consultantId, Guid consultationId) => store.FindAsync(consultantId, consultationId);

    /// <summary>
    /// The chat of each consultation that has one: its contact's, else its client's latest (found by the client's phone,
    /// addresses and aliases, <see cref="BookingContacts.OfClientAsync"/>); none for a client who never wrote.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ChatAddressesAsync(Guid consultantId, IReadOnlyList<BookedConsultation> bookings)
    {
        var ofClients = new Dictionary<Guid, string?>();
        foreach (var clientId in bookings.Where(b => b.ContactAddress is null).Select(b => b.ClientId).OfType<Guid>().Distinct())
        {
            ofClients[clientId] = (await contacts.OfClientAsync(consultantId, clientId))?.Address;
        }

        var chats = new Dictionary<Guid, string>();
        foreach (var booking in bookings)
        {
            if ((booking.ContactAddress ?? (booking.ClientId is { } clientId ? ofClients[clientId] : null)) is { } address)
            {
                chats[booking.Id] = address;
            }
        }

        return chats;
    }

    /// <summary>The lead at <paramref name="contactAddress"/> became this client: their consultations are the client's now.</summary>
    public Task<int> LinkContactToClientAsync(Guid consultantId, string contactAddress, Guid clientId) =>
        store.LinkContactToClientAsync(consultantId, contactAddress, clientId);

    /// <summary>
    /// The bookings as the API gives them: each with the address its contact is written to, its own, else its
    /// client's WhatsApp chat (<see cref="ChatAddressesAsync"/>), else the client's WhatsApp address from their phone
    /// (a client who never wrote, or only in the simulator).
    /// </summary>
    public async Task<IReadOnlyList<BookedConsultation>> WithContactAddressesAsync(Guid consultantId, IReadOnlyList<BookedConsultation> bookings)
    {
        var chats = await ChatAddressesAsync(consultantId, bookings);
        var phones = new Dictionary<Guid, string?>();
        var addressed = new List<BookedConsultation>(bookings.Count);
        foreach (var booking in bookings)
        {
            var address = booking.ContactAddress
                ?? (chats.GetValueOrDefault(booking.Id) is { } chat && !ConversationKey.IsSimulated(chat) ? chat : null);
            if (address is null && booking.ClientId is { } clientId)
            {
                address = phones.TryGetValue(clientId, out var phone) ? phone
                    : phones[clientId] = await contacts.WhatsAppAddressOfClientAsync(consultantId, clientId);
            }

            addressed.Add(booking with { ContactAddress = address });
        }

        return addressed;
    }

    public Task<IReadOnlyList<BookedConsultation>> ListAsync(Guid consultantId, TimeRange range) => store.ListAsync(consultantId, range);

    /// <summary>
    /// The free times a refusal of a taken slot offers, the one rule for the Calendar page, the API's refusal and the AI's
    /// booking tools: every free time on the local day of <paramref name="near"/> (the day the person chose); when that
    /// day has none, those of the first day with any in the week after it; at most <c>Booking:AlternativeTimes</c>.
    /// </summary>
    public async Task<IReadOnlyList<FreeSlot>> AlternativesAsync(Guid consultantId, DateTimeOffset near, string? contactAddress)
    {
        var zone = TimeZones.Get((await availability.GetAsync(consultantId)).TimeZone);
        var day = SlotFinder.Local(zone, near).Date;
        var slots = await FindSlotsAsync(consultantId, AnalyticsPeriod.Of(day, day.AddDays(7)).Value!, contactAddress);
        var firstDay = slots.Select(slot => SlotFinder.Local(zone, slot.StartsAt).Date).FirstOrDefault();
        return [.. slots.Where(slot => SlotFinder.Local(zone, slot.StartsAt).Date == firstDay).Take(options.Value.AlternativeTimes)];
    }

    private async Task<Result<BookedConsultation>> CreateAsync(
        Guid consultantId, BookingContact contact, DateTimeOffset startsAt, int durationMinutes, BookingAvailability settings, string? topic, bool byContact,
        ConfirmInChat? confirm = null)
    {
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        BookingTimeRules.Check(errors, "startsAt", settings, startsAt, durationMinutes, now, byContact);
        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var row = Row(consultantId, contact, startsAt, durationMinutes, settings, BookingStatus.Scheduled, topic);
        if (!await store.InsertAsync(row, now, byContact, confirm))
        {
            return await TakenAsync(consultantId, startsAt, byContact ? contact.Address : null);
        }

        return await followUp.BookedAsync((await store.FindAsync(consultantId, row.Id))!, contact);
    }

    private static NewConsultation Row(
        Guid consultantId, BookingContact contact, DateTimeOffset startsAt, int durationMinutes, BookingAvailability settings, string status, string? topic) =>
        new(Guid.NewGuid(), consultantId, contact.ClientId, contact.Address, contact.ClientId is null ? contact.Name : null,
            startsAt.ToUniversalTime(), durationMinutes, settings.BufferMinutes, status, topic ?? DefaultTopic,
            MeetingLink: status == BookingStatus.Scheduled ? settings.MeetingLink : null);

    private async Task<Result<BookedConsultation>> OwnAsync(Guid consultantId, Guid bookingId, string? contactAddress)
    {
        if (await store.FindAsync(consultantId, bookingId) is not { } booking)
        {
            return Problem.NotFound();
        }

        if (contactAddress is null)
        {
            return booking;
        }

        var contact = await contacts.OfAddressAsync(consultantId, contactAddress);
        var theirs = booking.ContactAddress == contactAddress || (contact?.ClientId is { } clientId && booking.ClientId == clientId);
        return theirs ? booking : Problem.NotFound();
    }

    private async Task<Result<BookedConsultation>> TakenAsync(Guid consultantId, DateTimeOffset startsAt, string? contactAddress)
    {
        var free = await AlternativesAsync(consultantId, startsAt, contactAddress);
        var detail = free.Count == 0
            ? "That time is already booked, and nothing else is free in the week from that day: choose a later day."
            : "That time is already booked. Free instead: " + string.Join(", ", free.Select(slot => slot.StartsAt.ToString("O", CultureInfo.InvariantCulture))) + ".";
        return Problem.Conflict("Slot taken", "startsAt", "That time is already booked: choose another time.", detail);
    }

    private static Problem NotScheduled(string status) => Problem.Conflict("Not scheduled", "status",
        status == BookingStatus.Cancelled ? "This consultation is cancelled." : "This consultation has already taken place.");

    private static ConfirmInChat? Confirm(Guid? chatBatchId, string? contactAddress) =>
        chatBatchId is { } batchId && contactAddress is not null ? new ConfirmInChat(batchId, contactAddress) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
