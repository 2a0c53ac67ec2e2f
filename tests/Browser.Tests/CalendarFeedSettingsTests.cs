using System.Net;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The consultant's private calendar feed on the (Italian) settings page: made, copied, renewed and turned off.</summary>
public sealed class CalendarFeedSettingsTests : BrowserFixture
{
    [Test]
    public async Task The_feed_address_is_shown_once_copied_renewed_so_the_old_one_stops_and_turned_off_each_after_a_confirmation()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Calendario");
        var page = await NewPageAsync(locale: "it-IT");
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = BaseUrl.GetLeftPart(UriPartial.Authority) });
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var section = page.GetByTestId("calendar-feed-section");
        await Assertions.Expect(section.GetByText("Feed del calendario")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("calendar-feed-state")).ToHaveTextAsync("Il feed è disattivato.");

        await page.GetByTestId("rotate-calendar-feed").ClickAsync();
        var address = page.Locator("#calendarFeedUrl");
        await Assertions.Expect(address).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/api/booking/calendar-feed/[A-Za-z0-9_-]{43}\.ics$"));
        var first = await address.InputValueAsync();
        await Assertions.Expect(section.GetByText("Lo vedi solo ora: copialo nella tua app di calendario.", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByTestId("copy-calendar-feed").ClickAsync();
        await Assertions.Expect(page.GetByText("Copiato.")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), Is.EqualTo(first));
        await ScreenshotAsync(page, "calendar-feed-italian");
        Assert.That(await StatusOfAsync(first), Is.EqualTo(HttpStatusCode.OK), "a calendar app reads the feed");

        // Reloaded: the address is not shown again (only its hash is kept), the feed stays on.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("calendar-feed-state")).ToContainTextAsync("Il feed è attivo");
        await Assertions.Expect(page.GetByTestId("calendar-feed-url")).ToHaveCountAsync(0);

        // A new address breaks every subscription: asked first; "Annulla" changes nothing.
        Assert.That(await StatusOfAsync(first), Is.EqualTo(HttpStatusCode.OK));
        await page.GetByTestId("rotate-calendar-feed").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Creare un nuovo indirizzo?");
        await ScreenshotAsync(page, "calendar-feed-confirm-new-address");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annulla" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.That(await StatusOfAsync(first), Is.EqualTo(HttpStatusCode.OK), "cancelled: the address still works");

        await page.GetByTestId("rotate-calendar-feed").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Crea un nuovo indirizzo" }).ClickAsync();
        await Assertions.Expect(address).Not.ToHaveValueAsync(first);
        var second = await address.InputValueAsync();
        Assert.That(await StatusOfAsync(first), Is.EqualTo(HttpStatusCode.NotFound), "a new address ends the old one");
        Assert.That(await StatusOfAsync(second), Is.EqualTo(HttpStatusCode.OK));

        await page.GetByTestId("revoke-calendar-feed").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Disattivare il feed?");
        Assert.That(await StatusOfAsync(second), Is.EqualTo(HttpStatusCode.OK), "not before it is confirmed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disattiva", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-feed-state")).ToHaveTextAsync("Il feed è disattivato.");
        Assert.That(await StatusOfAsync(second), Is.EqualTo(HttpStatusCode.NotFound), "turned off");
    }

    /// <summary>The address is on the public base URL; the same path is asked of this host.</summary>
    private async Task<HttpStatusCode> StatusOfAsync(string address)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl };
        using var response = await http.GetAsync(new Uri(address).PathAndQuery);
        return response.StatusCode;
    }
}
