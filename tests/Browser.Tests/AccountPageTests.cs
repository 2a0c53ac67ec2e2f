using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The Account page: time zone, dashboard language and default phone country.</summary>
public sealed class AccountPageTests : BrowserFixture
{
    [Test]
    public async Task The_account_page_shows_the_defaults_saves_a_zone_language_and_country_and_keeps_them_after_a_reload()
    {
        using var consultant = await Host.RegisterConsultantAsync("Account Consultant");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);

        await page.GetByTestId("account-menu-button").ClickAsync();
        await page.GetByTestId("account-settings-link").ClickAsync();
        var timeZone = page.Locator("#timeZone");
        var country = page.Locator("#defaultCountry");
        await Assertions.Expect(timeZone).ToHaveValueAsync("Europe/Rome");
        await Assertions.Expect(country).ToHaveValueAsync("IT – Italy");

        await timeZone.FillAsync("new york");
        await PickAsync(page, "America/New_York", timeZone);
        await page.GetByTestId("ui-culture").ClickAsync();
        await PickAsync(page, "Italiano", page.GetByTestId("ui-culture"));
        await country.FillAsync("atlantis");
        await Assertions.Expect(page.GetByTestId("country-no-match")).ToContainTextAsync("No country matches");
        await country.FillAsync("spain");
        await PickAsync(page, "ES – Spain", country);
        await page.GetByTestId("save-account").ClickAsync();
        // Another language saved: the dashboard comes back in it, with what was saved.
        await Assertions.Expect(page.GetByTestId("nav-drawer").GetByText("Conversazioni")).ToBeVisibleAsync();
        await Assertions.Expect(timeZone).ToHaveValueAsync("America/New_York");
        await Assertions.Expect(country).ToHaveValueAsync("ES – Spagna");
        await ScreenshotAsync(page, "account-settings");

        await page.ReloadAsync();
        await Assertions.Expect(timeZone).ToHaveValueAsync("America/New_York");
        await Assertions.Expect(country).ToHaveValueAsync("ES – Spagna");
        await Assertions.Expect(page.GetByTestId("ui-culture")).ToContainTextAsync("Italiano");

        // The same language: saved in place.
        await country.FillAsync("italia");
        await PickAsync(page, "IT – Italia", country);
        await page.GetByTestId("save-account").ClickAsync();
        await Assertions.Expect(page.GetByText("Salvato.")).ToBeVisibleAsync();

        var saved = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/account/settings");
        Assert.That(
            (saved.GetProperty("timeZone").GetString(), saved.GetProperty("uiCulture").GetString(), saved.GetProperty("defaultCountry").GetString()),
            Is.EqualTo(("America/New_York", "it", "IT")));
    }

    [TestCase(null, "Account settings", "Browser language (English)", "English", "Saved.")]
    [TestCase("it-IT", "Impostazioni account", "Lingua del browser (Italiano)", "Italiano", "Salvato.")]
    public async Task The_account_page_is_named_as_its_menu_item_shows_who_is_signed_in_and_the_browsers_language_as_the_default(
        string? locale, string title, string browserLanguage, string chosen, string saved)
    {
        using var consultant = await Host.RegisterConsultantAsync("Identity Consultant " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GetByTestId("account-menu-button").ClickAsync();
        var link = page.GetByTestId("account-settings-link");
        await Assertions.Expect(link).ToHaveTextAsync(title);
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(title)));
        await Assertions.Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Identity Consultant " + (locale ?? "en"));
        await Assertions.Expect(page.GetByTestId("account-email")).ToHaveTextAsync(consultant.Email);

        // Not chosen yet: the browser's language, said to be the browser's.
        var language = page.GetByTestId("ui-culture");
        await Assertions.Expect(language).ToContainTextAsync(browserLanguage);
        await ScreenshotAsync(page, "account-identity-" + (locale ?? "en"));

        // Chosen (the same language: saved in place), it shows as chosen; back to the browser's, as the default again.
        await language.ClickAsync();
        await PickAsync(page, chosen, language);
        await page.GetByTestId("save-account").ClickAsync();
        await Assertions.Expect(page.GetByText(saved, new() { Exact = true })).ToBeVisibleAsync(); // a reload before the answer ended the save (a CI run)
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("account-email")).ToBeVisibleAsync();
        await Assertions.Expect(language).Not.ToContainTextAsync(browserLanguage);
        await Assertions.Expect(language).ToContainTextAsync(chosen);
        await language.ClickAsync();
        await PickAsync(page, browserLanguage, language);
        await page.GetByTestId("save-account").ClickAsync();
        await Assertions.Expect(page.GetByText(saved, new() { Exact = true })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("account-email")).ToBeVisibleAsync();
        await Assertions.Expect(language).ToContainTextAsync(browserLanguage);
    }
}
