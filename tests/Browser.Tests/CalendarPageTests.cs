using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Calendar page in Italian (in a browser set to US English): the week shows a booking, the consultant moves it (a
/// taken time says so) and cancels it, each change reaches the contact in the
/// chat (the fake Twilio) and the page says so until the next change begins; days and times are written the Italian way;
/// a phone shows the day of the last change.
/// </summary>
public sealed class CalendarPageTests : BrowserFixture
{
    [Test]
    public async Task An_italian_consultant_sees_a_booking_in_the_week_moves_it_and_cancels_it_and_the_contact_is_told_each_time()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Calendario Consultant");
        (await tenant.Consultant.Http.PostAsync("/api/whatsapp/config/test", null)).EnsureSuccessStatusCode();
        const string phone = "+393471230987";
        await tenant.WebhookAsync(Host, phone, "Ciao, vorrei prenotare una consulenza per la prossima settimana, grazie", profileName: "Giulia Bianchi");
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        var booked = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-03T10:00:00Z" });
        Assert.That((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contactMessage").GetProperty("sent").GetBoolean(), Is.True);
        var other = await tenant.Consultant.Http.PostAsJsonAsync("/api/bookings", new { conversationId, startsAt = "2030-12-04T13:00:00Z" });
        Assert.That(other.IsSuccessStatusCode, await other.Content.ReadAsStringAsync());

        (await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { uiCulture = "it", timeZone = "Europe/Rome" })).EnsureSuccessStatusCode();

        var page = await NewPageAsync(locale: "en-US");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GetByTestId("calendar-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendario" })).ToBeVisibleAsync();
        await page.GotoAsync("/calendar?week=2030-12-02");
        var tuesday = page.Locator("[data-testid=calendar-day][data-day='2030-12-03']");
        var booking = tuesday.GetByTestId("calendar-booking");
        await Assertions.Expect(booking).ToContainTextAsync("Giulia Bianchi");
        await Assertions.Expect(booking).ToContainTextAsync("11:00");
        await Assertions.Expect(booking.GetByTestId("booking-status")).ToHaveTextAsync("Prenotata");

        // Onto the other consultation: refused, in Italian, nothing moved.
        await booking.GetByTestId("booking-move").ClickAsync();
        var move = page.GetByTestId("move-panel");
        // The dashboard's language decides, not the browser's (US: 12/03/2030, 11:00 AM).
        await Assertions.Expect(Input(move, "move-day")).ToHaveValueAsync("03/12/2030");
        await Assertions.Expect(Input(move, "move-time")).ToHaveValueAsync("11:00");
        await TypeAsync(Input(move, "move-day"), "04/12/2030");
        await TypeAsync(Input(move, "move-time"), "14:30");
        await move.GetByTestId("move-confirm").ClickAsync();
        await Assertions.Expect(move).ToContainTextAsync("Quell'orario è già prenotato: scegli un altro orario.");

        await TypeAsync(Input(move, "move-time"), "16:00");
        await move.GetByTestId("move-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-told")).ToContainTextAsync("Consulenza spostata. Il contatto è stato avvisato in chat.");
        var moved = page.Locator("[data-testid=calendar-day][data-day='2030-12-04']").GetByTestId("calendar-booking").Filter(new() { HasText = "16:00" });
        await Assertions.Expect(moved).ToContainTextAsync("Giulia Bianchi");
        await Assertions.Expect(tuesday.GetByTestId("calendar-booking")).ToHaveCountAsync(0);

        await moved.GetByTestId("booking-cancel").ClickAsync();
        await Input(page.GetByTestId("cancel-panel"), "cancel-reason").FillAsync("Imprevisto");
        await page.GetByTestId("cancel-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contact-told")).ToContainTextAsync("Consulenza annullata. Il contatto è stato avvisato in chat.");
        await Assertions.Expect(moved.GetByTestId("booking-status")).ToHaveTextAsync("Annullata");
        await ScreenshotAsync(page, "calendar-week-italian");

        // The notice was about that cancellation: starting the next booking clears it.
        await page.GetByTestId("book-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("book-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("contact-told")).ToHaveCountAsync(0);
        await page.GetByTestId("book-close").ClickAsync();

        // On a phone one day at a time: the day of the last change, its weekday in Italian in the strip above.
        var strip = page.GetByTestId("calendar-day-strip");
        await Assertions.Expect(strip).ToBeHiddenAsync();
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(strip).ToBeVisibleAsync();
        var shown = page.Locator("[data-testid=calendar-day]:visible");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(shown).ToHaveAttributeAsync("data-day", "2030-12-04");
        await Assertions.Expect(shown.GetByTestId("calendar-booking").Filter(new() { HasText = "16:00" }).GetByTestId("booking-status")).ToHaveTextAsync("Annullata");
        await Assertions.Expect(strip.Locator("[aria-pressed=true]")).ToContainTextAsync("mer");
        await ScreenshotAsync(page, "calendar-week-phone");

        var told = await Poll.UntilAsync(
            () => Task.FromResult(Twilio.Sent.Where(m => m.To == "whatsapp:" + phone && m.Body.StartsWith("La tua consulenza", StringComparison.Ordinal)).ToList()),
            sent => sent.Count >= 4, TimeSpan.FromSeconds(30), "four confirmations to the contact");
        Assert.That(told.Select(m => m.Body), Has.Some.StartsWith("La tua consulenza è stata spostata a").And.Some.StartsWith("La tua consulenza di"));
    }

    /// <summary>Types into a date or time picker as a person does, then leaves the field (the picker reads the text then).</summary>
    private static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    private static ILocator Input(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
