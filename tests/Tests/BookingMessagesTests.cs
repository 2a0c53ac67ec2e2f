using Consultant.Grains.Booking;
using Consultant.Grains.Languages;

namespace Consultant.Tests;

/// <summary>The confirmations the system writes to the contact when a consultation is booked, moved or cancelled.</summary>
public sealed class BookingMessagesTests
{
    private static readonly Uri CalendarLink = new("https://consultant.example/api/booking/calendar-files/abc.ics");

    private static readonly BookedConsultation Booking = BookingSamples.Booked(Guid.NewGuid());

    [TestCase("it", "Europe/Rome",
        "La tua consulenza è prenotata per giovedì 2 aprile alle 18:00 (60 minuti).\nVideochiamata: https://meet.example.com/abc-defg-hij\nAggiungila al tuo calendario: https://consultant.example/api/booking/calendar-files/abc.ics")]
    [TestCase("en", "Europe/Rome",
        "Your consultation is booked for Thursday 2 April at 18:00 (60 minutes).\nVideo call: https://meet.example.com/abc-defg-hij\nAdd it to your calendar: https://consultant.example/api/booking/calendar-files/abc.ics")]
    [TestCase("es", "Europe/Madrid",
        "Tu consulta está reservada para el jueves 2 de abril a las 18:00 (60 minutos).\nVideollamada: https://meet.example.com/abc-defg-hij\nAñádela a tu calendario: https://consultant.example/api/booking/calendar-files/abc.ics")]
    [TestCase("fr", "Europe/Paris",
        "Votre consultation est réservée pour le jeudi 2 avril à 18:00 (60 minutes).\nVisioconférence : https://meet.example.com/abc-defg-hij\nAjoutez-la à votre agenda : https://consultant.example/api/booking/calendar-files/abc.ics")]
    public void A_booking_is_confirmed_in_the_contacts_language_with_date_time_length_video_and_calendar_links(
        string language, string contactZone, string expected) =>
        Assert.That(
            BookingMessages.Build(BookingMessageKind.Booked, Booking, contactZone, "Europe/Rome", ContactLanguage.FromCode(language)!, CalendarLink),
            Is.EqualTo(expected));

    [Test]
    public void When_the_zones_differ_the_contacts_time_comes_first_with_the_consultants_beside_it()
    {
        var text = BookingMessages.Build(BookingMessageKind.Booked, Booking, "Europe/Rome", "Europe/London", ContactLanguage.English, null);
        Assert.That(text, Is.EqualTo("Your consultation is booked for Thursday 2 April at 18:00 Rome / 17:00 London (60 minutes).\n"
            + "Video call: https://meet.example.com/abc-defg-hij"));

        var italian = BookingMessages.Build(BookingMessageKind.Booked, Booking, "Europe/London", "Europe/Rome", ContactLanguage.Italian, null);
        Assert.That(italian, Does.StartWith("La tua consulenza è prenotata per giovedì 2 aprile alle 17:00 London / 18:00 Rome (60 minuti)."));
    }

    [Test]
    public void When_the_consultants_day_is_another_its_date_is_given_too()
    {
        var text = BookingMessages.Build(BookingMessageKind.Booked, Booking, "Asia/Tokyo", "Europe/Rome", ContactLanguage.English, null);
        Assert.That(text, Does.StartWith("Your consultation is booked for Friday 3 April at 01:00 Tokyo / Thu 2 Apr 18:00 Rome (60 minutes)."));
    }

    [Test]
    public void A_move_and_a_cancellation_are_told_in_their_own_words_and_a_cancellation_offers_no_video_link()
    {
        var moved = Booking with { StartsAt = Booking.StartsAt.AddDays(1), Sequence = 1 };
        Assert.That(BookingMessages.Build(BookingMessageKind.Rescheduled, moved, "Europe/Rome", "Europe/Rome", ContactLanguage.Italian, CalendarLink),
            Is.EqualTo("La tua consulenza è stata spostata a venerdì 3 aprile alle 18:00 (60 minuti).\nVideochiamata: https://meet.example.com/abc-defg-hij\n"
                + "Aggiungila al tuo calendario: https://consultant.example/api/booking/calendar-files/abc.ics"));

        var cancelled = Booking with { Status = BookingStatus.Cancelled, Sequence = 1 };
        Assert.That(BookingMessages.Build(BookingMessageKind.Cancelled, cancelled, "Europe/Madrid", "Europe/Rome", ContactLanguage.Spanish, CalendarLink),
            Is.EqualTo("Tu consulta del jueves 2 de abril a las 18:00 ha sido cancelada.\n"
                + "Para quitarla de tu calendario: https://consultant.example/api/booking/calendar-files/abc.ics"));
    }

    [Test]
    public void Without_a_video_link_or_a_calendar_link_neither_is_mentioned()
    {
        var text = BookingMessages.Build(BookingMessageKind.Booked, Booking with { MeetingLink = null }, "Europe/Paris", "Europe/Rome",
            ContactLanguage.French, null);
        Assert.That(text, Is.EqualTo("Votre consultation est réservée pour le jeudi 2 avril à 18:00 (60 minutes)."));
    }

    [Test]
    public void Every_booking_text_exists_in_the_four_languages_and_differs_from_english()
    {
        foreach (var name in BookingTexts.Names.Where(n => n != "DateFormat"))
        {
            foreach (var language in ContactLanguage.All.Where(l => l != ContactLanguage.English))
            {
                Assert.That(BookingTexts.Get(name, language), Is.Not.EqualTo(BookingTexts.Get(name, ContactLanguage.English)), $"{name} in {language}");
            }
        }
    }
}
