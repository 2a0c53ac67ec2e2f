using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Booking;
using Consultant.TestSupport;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>The confirmation the chat and the dashboard send, written from what is stored about the contact.</summary>
public sealed class BookingConfirmationsTests : HostFixture
{
    private readonly InMemoryBookings bookings = new();

    protected override Action<IServiceCollection> Services => services => services.AddSingleton<IConsultantBookings>(bookings);

    private BookingConfirmations Confirmations => Host.Services.GetRequiredService<BookingConfirmations>();

    [Test]
    public async Task A_french_client_in_london_is_confirmed_in_french_with_both_clocks_and_a_calendar_link_that_serves_the_booking()
    {
        using var consultant = await Host.RegisterConsultantAsync("Laura Conti");
        const string phone = "+447911123456";
        var added = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Claire Martin", phone, language = "fr" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var clientId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var booked = bookings.Put(BookingSamples.Booked(consultant.Id) with { ContactAddress = phone, ClientId = clientId });

        var confirmation = await Confirmations.WriteAsync(BookingMessageKind.Booked, booked);

        Assert.That(confirmation.Language.Code, Is.EqualTo("fr"), "the client's record");
        Assert.That(confirmation.ContactTimeZone, Is.EqualTo("Europe/London"), "the number's zone");
        Assert.That(confirmation.Text, Does.StartWith(
            "Votre consultation est réservée pour le jeudi 2 avril à 17:00 London / 18:00 Rome (60 minutes).\nVisioconférence : https://meet.example.com/abc-defg-hij\nAjoutez-la à votre agenda : https://consultant.example/api/booking/calendar-files/"));
        Assert.That(confirmation.Text, Does.EndWith(confirmation.CalendarFileUrl + ""));

        using var anonymous = Host.CreateClient();
        var file = await anonymous.GetAsync(confirmation.CalendarFileUrl!.PathAndQuery);
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var calendar = Calendar.Load(await file.Content.ReadAsStringAsync())!;
        Assert.That(calendar.Events.Single().Summary, Is.EqualTo("Consultation avec Laura Conti"));
    }

    [Test]
    public async Task A_spanish_lead_whose_clock_is_the_consultants_gets_one_time_and_a_cancellation_in_spanish()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var cancelled = bookings.Put(BookingSamples.Booked(consultant.Id, status: BookingStatus.Cancelled, sequence: 1)
            with { ContactAddress = "+34612345678" });

        var confirmation = await Confirmations.WriteAsync(BookingMessageKind.Cancelled, cancelled);

        Assert.That(confirmation.Text, Does.StartWith("Tu consulta del jueves 2 de abril a las 18:00 ha sido cancelada.\nPara quitarla de tu calendario: "));
    }
}
