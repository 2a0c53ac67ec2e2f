using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What the browser review of booking found, fixed: the chat header follows the lead's bookings and fits two rows on a
/// laptop, saying in words where the contact's zone came from; the Calendar names a simulator contact once, readably,
/// cut with an ellipsis in a day column; an empty week says what to do; the simulator's message box stays in view;
/// the no-key warning uses the Simulator's word for leads.
/// </summary>
public sealed class BookingReviewTests : BrowserFixture
{
    [Test]
    public async Task A_leads_chat_header_says_their_next_consultation_and_after_it_is_cancelled_that_none_is_upcoming()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Header Booking Consultant", autoResponse: false);
        const string phone = "+393471230555";
        await tenant.WebhookAsync(Host, phone, "Ciao, vorrei prenotare una consulenza", profileName: "Paola Prenota");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var bookingId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");
        await Assertions.Expect(page.GetByTestId("lead-stage")).ToContainTextAsync("Fase: Ha prenotato");
        var booking = page.GetByTestId("lead-stage-booking");
        await Assertions.Expect(booking).ToHaveTextAsync("Consulenza mar 3 dic 11:00");

        // Cancelled elsewhere (the API, the Calendar page): the open chat says so as the notice reaches the contact.
        var cancelled = await tenant.Consultant.Http.PostAsJsonAsync($"/api/bookings/{bookingId}/cancel", new { reason = "Imprevisto" });
        Assert.That(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        await Assertions.Expect(booking).ToHaveTextAsync("Nessuna consulenza in programma");
        await ScreenshotAsync(page, "chat-header-booking-cancelled");

        var english = await NewPageAsync();
        await SignInAsync(english, tenant.Consultant.Email, tenant.Consultant.Password);
        await english.GotoAsync($"/conversations/{conversationId}");
        await Assertions.Expect(english.GetByTestId("lead-stage-booking")).ToHaveTextAsync("No consultation upcoming");
    }

    [TestCase("en-GB", "From the +44 prefix", "Picked by you")]
    [TestCase("it-IT", "Dal prefisso +44", "Scelto da te")]
    public async Task On_a_laptop_the_chat_header_takes_two_rows_and_says_in_words_where_the_contacts_zone_came_from(string locale, string fromPrefix, string chosen)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Compact Header " + locale, autoResponse: false);
        const string phone = "+447911123999";
        await tenant.WebhookAsync(Host, phone, "Hello, I'd like to know more", profileName: "Oliver Longname-Whitaker");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);

        var page = await NewPageAsync(locale: locale);
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/conversations/{conversationId}");
        var source = page.GetByTestId("contact-time-zone-source");
        await Assertions.Expect(source).ToHaveTextAsync(fromPrefix);
        await Assertions.Expect(page.GetByTestId("lead-stage")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("contact-language")).ToBeVisibleAsync();

        // The header's lines: items of its two flex rows whose heights overlap share a line (a wrapped item starts another).
        var lines = await page.GetByTestId("chat-header").EvaluateAsync<int>(
            """
            header => {
              const items = [...header.querySelectorAll('.chat-header-main > *, .chat-header-tools > *')]
                .map(e => e.getBoundingClientRect()).filter(r => r.height > 0).sort((a, b) => a.top - b.top);
              let lines = 0, bottom = -1;
              for (const r of items) { if (r.top >= bottom - 2) { lines++; bottom = r.bottom; } else { bottom = Math.max(bottom, r.bottom); } }
              return lines;
            }
            """);
        await ScreenshotAsync(page, "chat-header-compact-" + locale);
        Assert.That(lines, Is.LessThanOrEqualTo(2), "the header's rows at 1366×800");

        var zone = page.Locator("#contactTimeZone");
        await zone.FillAsync("new york");
        await PickAsync(page, "America/New_York", zone);
        await Assertions.Expect(source).ToHaveTextAsync(chosen);
    }

    [Test]
    public async Task The_calendar_names_a_simulator_contact_once_by_their_number_and_cuts_a_long_name_with_the_whole_in_a_tooltip()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Readable Names Consultant", autoResponse: false);
        const string simulated = "+393475551234";
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = simulated, text = "I'd like to book a consultation" }))
            .EnsureSuccessStatusCode();
        const string longName = "Maria Francesca Bellavista Castelnuovo di Sotto";
        const string longPhone = "+393475559876";
        await tenant.WebhookAsync(Host, longPhone, "Can we meet next week?", profileName: longName);
        var simulatedId = ConversationKey.IdFor(tenant.Consultant.Id, ConversationKey.Simulated(simulated));
        var longId = ConversationKey.IdFor(tenant.Consultant.Id, longPhone);
        foreach (var (conversationId, startsAt) in new[] { (simulatedId, "2030-12-03T10:00:00Z"), (longId, "2030-12-03T13:00:00Z") })
        {
            var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt });
            Assert.That(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        }

        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/calendar?week=2030-12-02");
        var tuesday = page.Locator("[data-testid=calendar-day][data-day='2030-12-03']");
        var contacts = tuesday.GetByTestId("booking-contact");
        await Assertions.Expect(contacts).ToHaveCountAsync(2);
        await Assertions.Expect(contacts.First).ToHaveTextAsync("+39 347 555 1234");
        await Assertions.Expect(contacts.First).ToHaveAttributeAsync("title", "+39 347 555 1234 (Simulator)");
        await Assertions.Expect(contacts.Nth(1)).ToHaveAttributeAsync("title", longName + " · +39 347 555 9876");
        var cut = await contacts.Nth(1).EvaluateAsync<bool>(
            "e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth && e.getBoundingClientRect().right <= e.closest('[data-testid=calendar-day]').getBoundingClientRect().right");
        Assert.That(cut, Is.True, "the long name is cut with an ellipsis inside its day");
        await ScreenshotAsync(page, "calendar-readable-names");

        await page.GetByTestId("book-open").ClickAsync();
        var contact = page.Locator("#bookContact");
        await contact.PressSequentiallyAsync("5551234");
        var option = page.Locator(".mud-popover-open .mud-list-item").First;
        await Assertions.Expect(option).ToHaveTextAsync("+39 347 555 1234 · Simulator");
    }

    [TestCase("en-GB", "No consultations this week.", "\"Book a consultation\"")]
    [TestCase("it-IT", "Nessuna consulenza questa settimana.", "«Prenota una consulenza»")]
    public async Task An_empty_week_says_there_are_no_consultations_and_how_to_book_one(string locale, string none, string button)
    {
        using var consultant = await Host.RegisterConsultantAsync("Empty Week " + locale);
        var page = await NewPageAsync(locale: locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/calendar?week=2031-01-06");
        var empty = page.GetByTestId("calendar-empty");
        await Assertions.Expect(empty).ToContainTextAsync(none);
        await Assertions.Expect(empty).ToContainTextAsync(button);
    }

    [TestCase("en-GB")]
    [TestCase("it-IT")]
    public async Task On_a_laptop_the_simulators_message_box_is_fully_in_view(string locale)
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulator View " + locale);
        var page = await NewPageAsync(locale: locale);
        await page.SetViewportSizeAsync(1366, 800);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        var composer = page.GetByTestId("simulator-composer");
        await Assertions.Expect(composer).ToBeVisibleAsync();
        var box = await composer.BoundingBoxAsync();
        await ScreenshotAsync(page, "simulator-laptop-" + locale);
        Assert.That(box!.Y + box.Height, Is.LessThanOrEqualTo(800), "the composer's bottom edge");
    }

    [Test]
    public async Task In_italian_the_no_key_warning_speaks_of_new_contacts_as_the_simulator_does()
    {
        using var consultant = await Host.RegisterConsultantAsync("Nuovi Contatti");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("«Rispondi ai nuovi contatti con la mia chiave AI»");
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        await input.FillAsync("Vorrei prenotare una consulenza");
        await page.GetByTestId("simulator-send").ClickAsync();
        var problem = page.GetByTestId("simulator-problem");
        await Assertions.Expect(problem).ToContainTextAsync("Nessuna chiave AI per i nuovi contatti");
        await Assertions.Expect(problem).ToContainTextAsync("«Rispondi ai nuovi contatti con la mia chiave AI»");
        await Assertions.Expect(problem).Not.ToContainTextAsync(" lead");
        await ScreenshotAsync(page, "simulator-no-key-italian");
    }
}
