using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;

namespace Consultant.Tests;

/// <summary>
/// The booking API: availability with every bad field named, free slots, bookings by conversation or client, 409 for a
/// taken time (the client records' consultations too), 404 for another consultant's booking, never 500.
/// Consultant bookings need no notice or horizon, so they are made years ahead of the real clock.
/// </summary>
public sealed class BookingApiTests : HostFixture
{
    /// <summary>Tuesday 3 December 2030, 10:00 UTC = 11:00 in Rome.</summary>
    private const string Tuesday11 = "2030-12-03T10:00:00Z";

    [Test]
    public async Task Availability_has_defaults_and_each_bad_field_is_named()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var defaults = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/availability");
        Assert.Multiple(() =>
        {
            Assert.That(defaults.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));
            Assert.That(defaults.GetProperty("weeklyHours").GetArrayLength(), Is.EqualTo(5));
            Assert.That(defaults.GetProperty("weeklyHours")[0].GetProperty("day").GetString(), Is.EqualTo("monday"));
            Assert.That(defaults.GetProperty("consultationMinutes").GetInt32(), Is.EqualTo(60));
            Assert.That(defaults.GetProperty("minimumNoticeMinutes").GetInt32(), Is.EqualTo(120));
            Assert.That(defaults.GetProperty("horizonDays").GetInt32(), Is.EqualTo(21));
        });

        var bad = await consultant.Http.PutAsJsonAsync("/api/booking/availability", new
        {
            weeklyHours = new[]
            {
                new { day = "monday", start = "18:00", end = "09:00" },
                new { day = "someday", start = "09:00", end = "12:00" },
                new { day = "tuesday", start = "09:00", end = "13:00" },
                new { day = "tuesday", start = "12:00", end = "15:00" },
                new { day = "friday", start = "9am", end = "12:00" },
            },
            bufferMinutes = -5,
            consultationMinutes = 1000,
            blockedPeriods = new[] { new { from = "2030-12-24", to = "2030-12-20", note = "Christmas" } },
            meetingLink = "javascript:alert(1)",
        });
        var body = await bad.Content.ReadAsStringAsync();
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString());
        Assert.That(errors, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["weeklyHours[0].end"] = "The end is before the start: a range ends later the same day.",
            ["weeklyHours[1].day"] = "The day is monday, tuesday, wednesday, thursday, friday, saturday or sunday.",
            ["weeklyHours[3]"] = "This range overlaps another range of the same day: join them or move one.",
            ["weeklyHours[4].start"] = "A time of day is HH:mm, e.g. 09:00 or 17:30.",
            ["bufferMinutes"] = "This cannot be negative.",
            ["consultationMinutes"] = "This is between 5 and 480.",
            ["blockedPeriods[0].to"] = "The last day is before the first: choose a last day on or after it.",
            ["meetingLink"] = "The meeting link is an https:// address, e.g. https://meet.example.com/you.",
        }));
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/availability")).GetProperty("bufferMinutes").GetInt32(), Is.Zero,
            "nothing saved");

        var saved = await consultant.Http.PutAsJsonAsync("/api/booking/availability", new
        {
            weeklyHours = new[] { new { day = "tuesday", start = "14:00", end = "18:00" }, new { day = "tuesday", start = "09:00", end = "12:00" } },
            consultationMinutes = 45,
            bufferMinutes = 15,
            blockedPeriods = new[] { new { from = "2030-12-24", to = "2030-12-26", note = "Christmas" } },
            meetingLink = "https://meet.example.com/me",
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        var read = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/availability");
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("weeklyHours").EnumerateArray().Select(h => h.GetProperty("start").GetString()), Is.EqualTo(new[] { "09:00:00", "14:00:00" }));
            Assert.That(read.GetProperty("consultationMinutes").GetInt32(), Is.EqualTo(45));
            Assert.That(read.GetProperty("blockedPeriods")[0].GetProperty("to").GetString(), Is.EqualTo("2030-12-26"));
            Assert.That(read.GetProperty("meetingLink").GetString(), Is.EqualTo("https://meet.example.com/me"));
        });
        var roundTrip = await consultant.Http.PutAsJsonAsync("/api/booking/availability", read);
        Assert.That(roundTrip.StatusCode, Is.EqualTo(HttpStatusCode.OK), "what GET gives, PUT takes");
    }

    [Test]
    public async Task Bookings_are_made_listed_moved_and_cancelled_and_a_taken_time_is_409()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var clientId = await CreateClientAsync(consultant.Http, "+393470001111");
        var conversationId = await LeadConversationAsync(consultant.Id, "+393470002222");

        var booked = await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = Tuesday11 });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(booking.GetProperty("durationMinutes").GetInt32(), Is.EqualTo(60));

        var taken = await consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:30:00Z", durationMinutes = 30 });
        var takenBody = await taken.Content.ReadAsStringAsync();
        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), takenBody);
        Assert.That(takenBody, Does.Contain("startsAt").And.Contain("That time is already booked: choose another time."));

        var recordOverlap = await consultant.Http.PostAsJsonAsync($"/api/clients/{clientId}/consultations",
            new { scheduledAt = "2030-12-03T10:45:00Z", durationMinutes = 30, topic = "Review" });
        var recordBody = await recordOverlap.Content.ReadAsStringAsync();
        Assert.That(recordOverlap.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), recordBody);
        Assert.That(JsonDocument.Parse(recordBody).RootElement.GetProperty("errors").TryGetProperty("scheduledAt", out _), recordBody);

        var leads = await consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T13:00:00Z", durationMinutes = 30 });
        Assert.That(leads.StatusCode, Is.EqualTo(HttpStatusCode.Created), await leads.Content.ReadAsStringAsync());

        var id = booking.GetProperty("id").GetGuid();
        var moved = await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { startsAt = "2030-12-04T09:00:00Z" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        Assert.That((await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt32(), Is.EqualTo(1));
        var onto = await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { startsAt = "2030-12-03T13:00:00Z" });
        Assert.That(onto.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "moved onto the lead's booking");

        var list = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/bookings?from=2030-12-01&to=2030-12-07");
        Assert.That(list.EnumerateArray().Select(b => b.GetProperty("startsAt").GetDateTimeOffset()),
            Is.EqualTo(new[] { DateTimeOffset.Parse("2030-12-03T13:00:00Z"), DateTimeOffset.Parse("2030-12-04T09:00:00Z") }));

        var cancelled = await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "Client is ill" });
        var cancelledBooking = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(cancelledBooking.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
            Assert.That(cancelledBooking.GetProperty("sequence").GetInt32(), Is.EqualTo(2));
        });
        Assert.That((await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "again" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task A_booking_of_a_client_who_never_wrote_gives_their_whatsapp_address_from_their_phone()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var clientId = await CreateClientAsync(consultant.Http, "+39 347 000 5555");
        var booked = await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = Tuesday11 });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var listed = (await consultant.Http.GetFromJsonAsync<JsonElement>("/api/bookings?from=2030-12-01&to=2030-12-07")).EnumerateArray().Single();
        var one = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}");

        Assert.That((listed.GetProperty("contactAddress").GetString(), one.GetProperty("contactAddress").GetString()),
            Is.EqualTo(("+393470005555", "+393470005555")), "where the assistant would write to them: no chat was recorded");
    }

    [Test]
    public async Task Booking_moving_and_cancelling_for_a_client_who_never_wrote_answer_with_their_whatsapp_address()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var clientId = await CreateClientAsync(consultant.Http, "+39 347 000 6666");

        var booked = await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = Tuesday11 });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var created = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var moved = await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { startsAt = "2030-12-04T09:00:00Z" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        var cancelled = await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "Client is ill" });
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cancelled.Content.ReadAsStringAsync());

        // The same address GET /api/bookings gives, in every answer; the chat was not written to (no conversation yet).
        var answers = new[] { created, await moved.Content.ReadFromJsonAsync<JsonElement>(), await cancelled.Content.ReadFromJsonAsync<JsonElement>() };
        Assert.That(answers.Select(a => a.GetProperty("contactAddress").GetString()), Is.All.EqualTo("+393470006666"));
        Assert.That(answers.Select(a => a.GetProperty("contactMessage").GetProperty("problem").GetString()),
            Is.All.EqualTo(Consultant.Grains.Booking.ContactNotice.NoConversation));
    }

    [Test]
    public async Task Bad_booking_requests_are_400_naming_the_field_and_another_consultants_booking_is_404()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var clientId = await CreateClientAsync(consultant.Http, "+393470003333");
        var booking = await (await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = Tuesday11 })).Content.ReadFromJsonAsync<JsonElement>();
        var id = booking.GetProperty("id").GetGuid();

        await AssertRefusedAsync(await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "2020-01-07T10:00:00Z" }), "startsAt");
        await AssertRefusedAsync(await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "2030-12-03T20:00:00Z" }), "startsAt");
        await AssertRefusedAsync(await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, conversationId = Guid.NewGuid(), startsAt = Tuesday11 }), "conversationId");
        await AssertRefusedAsync(await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "next tuesday" }), "startsAt");
        await AssertRefusedAsync(await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { startsAt = "2030-12-07T10:00:00Z" }), "startsAt");
        await AssertRefusedAsync(await consultant.Http.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = new string('x', 501) }), "reason");
        await AssertRefusedAsync(await consultant.Http.GetAsync("/api/bookings?from=2030-12-07&to=2030-12-01"), "from");
        await AssertRefusedAsync(await consultant.Http.GetAsync("/api/booking/slots?from=tomorrow"), "from", "to");

        Assert.Multiple(async () =>
        {
            Assert.That((await other.Http.GetAsync($"/api/bookings/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.PostAsJsonAsync($"/api/bookings/{id}/cancel", new { reason = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.PostAsJsonAsync($"/api/bookings/{id}/reschedule", new { startsAt = "2030-12-04T09:00:00Z" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "2030-12-05T09:00:00Z" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.GetFromJsonAsync<JsonElement>("/api/bookings?from=2030-12-01&to=2030-12-07")).GetArrayLength(), Is.Zero);
        });
        var unchanged = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{id}");
        Assert.That(unchanged.GetProperty("status").GetString(), Is.EqualTo("scheduled"));
    }

    [Test]
    public async Task Free_slots_are_listed_in_the_consultants_zone()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var slots = await consultant.Http.GetFromJsonAsync<JsonElement>(
            $"/api/booking/slots?from={today.AddDays(1):yyyy-MM-dd}&to={today.AddDays(7):yyyy-MM-dd}");

        Assert.That(slots.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));
        var starts = slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("startsAt").GetString()!).ToList();
        Assert.That(starts, Has.Count.EqualTo(5 * 9), "five weekdays of nine hours in any seven days");
        Assert.That(starts.Where(s => s.Contains("T09:00:00", StringComparison.Ordinal)).Count(), Is.EqualTo(5), "09:00 with Rome's offset");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.That(errors.TryGetProperty(field, out _), $"'{field}' is not named in {errors}");
        }
    }

    private static async Task<Guid> CreateClientAsync(HttpClient http, string phone)
    {
        var response = await http.PostAsJsonAsync("/api/clients", new { name = "Ana Rossi", phone, email = "ana@example.com" });
        Assert.That(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> LeadConversationAsync(Guid consultantId, string phone)
    {
        await new LeadFunnelData(Host, consultantId).NewLeadAsync(phone, DateTimeOffset.UtcNow.AddDays(-1));
        return ConversationKey.IdFor(consultantId, phone);
    }
}
