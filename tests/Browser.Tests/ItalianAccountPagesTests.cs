using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The sign-in, sign-up and account pages for an Italian consultant: their texts, messages and place names in Italian.</summary>
public sealed partial class ItalianAccountPagesTests : BrowserFixture
{
    [Test]
    public async Task An_Italian_browser_gets_the_sign_in_and_sign_up_pages_in_Italian_with_each_problem_in_Italian()
    {
        using var existing = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync(locale: "it-IT");
        await page.GotoAsync("/login");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await Assertions.Expect(page.Locator("button[type=submit]")).ToHaveTextAsync("Accedi");

        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("login-email-error")).ToHaveTextAsync("Inserisci la tua e-mail.");
        await Assertions.Expect(page.GetByTestId("login-password-error")).ToHaveTextAsync("Inserisci la password.");

        await page.FillAsync("#email", existing.Email);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("L'e-mail o la password sono sbagliate.");
        await ScreenshotAsync(page, "login-italian");

        await page.GetByTestId("register-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/register", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Crea un account");
        await Assertions.Expect(page.GetByTestId("register-password-hint")).ToHaveTextAsync("Almeno 8 caratteri.");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("register-name-error")).ToHaveTextAsync("Serve un nome.");
        await Assertions.Expect(page.GetByTestId("register-email-error")).ToHaveTextAsync("Serve un indirizzo e-mail valido.");
        await Assertions.Expect(page.GetByTestId("register-password-error")).ToHaveTextAsync("La password deve avere almeno 8 caratteri.");
        await Assertions.Expect(page.GetByTestId("register-password-hint")).ToHaveCountAsync(0); // said once, at the field
        await ScreenshotAsync(page, "register-italian");
    }

    [Test]
    public async Task The_Italian_account_page_finds_Rome_by_its_Italian_names_refuses_an_unknown_zone_at_its_field_and_English_reloads_it_in_English()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Fuso");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/account/settings");
        var timeZone = page.Locator("#timeZone");
        var country = page.Locator("#defaultCountry");
        // The field with its label and the text under it.
        var timeZoneField = page.Locator(".mud-input-control", new() { Has = timeZone });
        await Assertions.Expect(country).ToHaveValueAsync("IT – Italia");
        await Assertions.Expect(timeZoneField).ToContainTextAsync("Fuso orario");

        var choices = page.Locator(".mud-popover-open .mud-list-item");
        foreach (var city in new[] { "roma", "milano" })
        {
            await timeZone.FillAsync(city);
            await Assertions.Expect(choices.First).ToContainTextAsync("Europe/Rome");
            await Assertions.Expect(choices.First).ToContainTextAsync("Italia");
        }

        await choices.First.ClickAsync();
        await Assertions.Expect(timeZone).ToHaveValueAsync("Europe/Rome");
        await Assertions.Expect(choices).ToHaveCountAsync(0);

        await country.FillAsync("italia");
        await Assertions.Expect(choices.First).ToHaveTextAsync("IT – Italia");
        await page.Keyboard.PressAsync("Escape");

        // A zone that does not exist, typed and left with Tab: refused at the field, in Italian, and nothing saved.
        await timeZone.FillAsync("Mars/Olympus");
        // Wait for the search to answer (no match): Tab picks the highlighted item of a list still showing an earlier search.
        await Assertions.Expect(page.GetByTestId("time-zone-no-match")).ToContainTextAsync("Nessun fuso orario corrisponde");
        await timeZone.PressAsync("Tab");
        await page.GetByTestId("save-account").ClickAsync();
        await Assertions.Expect(timeZoneField).ToContainTextAsync("«Mars/Olympus» non è un fuso orario");
        await Assertions.Expect(page.GetByText("Salvato.")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "account-unknown-zone-italian");
        Assert.That(await SavedAsync(consultant.Http, "timeZone"), Is.EqualTo("Europe/Rome"));

        await timeZone.FillAsync("milano");
        await choices.Filter(new() { HasText = "Europe/Rome" }).First.ClickAsync();
        await Assertions.Expect(timeZone).ToHaveValueAsync("Europe/Rome");
        await page.GetByTestId("ui-culture").ClickAsync();
        await PickAsync(page, "English", page.GetByTestId("ui-culture"));
        await page.GetByTestId("save-account").ClickAsync();

        // Saved in another language: the dashboard comes back in it.
        await Assertions.Expect(page.GetByTestId("nav-drawer").GetByText("Conversations")).ToBeVisibleAsync();
        await Assertions.Expect(timeZoneField).ToContainTextAsync("Time zone");
        await Assertions.Expect(country).ToHaveValueAsync("IT – Italy");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.That(await SavedAsync(consultant.Http, "uiCulture"), Is.EqualTo("en"));
        Assert.That(await SavedAsync(consultant.Http, "timeZone"), Is.EqualTo("Europe/Rome"));
    }

    [Test]
    public async Task The_Italian_overview_tells_the_time_in_the_consultants_zone_in_Italian()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Panoramica");
        (await consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "America/New_York" })).EnsureSuccessStatusCode();
        var before = NewYorkNow();

        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Panoramica");
        var timeLine = page.GetByTestId("overview-time-zone");
        await Assertions.Expect(timeLine).ToContainTextAsync("nel fuso America/New_York; ora locale:");
        var shown = DayAndTime().Match(await timeLine.InnerTextAsync()).Value;
        var after = NewYorkNow();
        await ScreenshotAsync(page, "overview-italian");

        // Day first and a 24-hour clock, New York's time, not the server's or UTC.
        Assert.That(shown, Is.AnyOf(before, after));
    }

    private static string NewYorkNow() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?> SavedAsync(HttpClient http, string property) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/account/settings")).GetProperty(property).GetString();

    [GeneratedRegex(@"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")]
    private static partial Regex DayAndTime();
}
