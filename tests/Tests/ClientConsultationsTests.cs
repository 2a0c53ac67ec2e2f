using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Consultant.Tests;

/// <summary>
/// The client's consultations: a booked one shows its video link; deleting a scheduled one from the record tells the
/// calendars first (Google's event deleted, the sequence raised) — with a connected fake Google.
/// </summary>
public sealed class ClientConsultationsTests : GoogleCalendarFixture
{
    [Test]
    public async Task A_booked_consultation_shows_its_meet_link_in_the_record_and_deleting_it_deletes_the_google_event()
    {
        using var consultant = await ConnectedConsultantAsync();
        var created = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Carla Conti", phone = "+393471110022", email = "carla@example.com" });
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var booked = await consultant.Http.PostAsJsonAsync("/api/bookings", new { clientId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        var id = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var eventId = id.ToString("N");
        Assert.That(Google.Events.ContainsKey(eventId), "the booking is in Google");

        var records = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/records");
        var consultation = records.GetProperty("consultations").EnumerateArray().Single();
        Assert.That(consultation.GetProperty("id").GetGuid(), Is.EqualTo(id));
        Assert.That(consultation.GetProperty("meetingLink").GetString(), Does.StartWith("https://meet.google.com/"));

        var deleted = await consultant.Http.DeleteAsync($"/api/clients/{clientId}/consultations/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Google.CalendarRequests, Does.Contain($"DELETE /calendar/v3/calendars/primary/events/{eventId}"));
        Assert.That(Google.Events[eventId]["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/records")).GetProperty("consultations").GetArrayLength(), Is.Zero);
        Assert.That((await consultant.Http.DeleteAsync($"/api/clients/{clientId}/consultations/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
