using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The client pages' phone examples are numbers of the consultant's own default country (an Italian consultant read a US
/// number in the add-client form, in the refusal of a number and a Spanish one in the CSV help); the CSV help's column
/// names stay whole on a phone.
/// </summary>
public sealed class ClientPhoneExamplesTests : BrowserFixture
{
    [TestCase("it-IT", "IT", "Aggiungi un cliente", "Importa da CSV", "+39 312 345 6789", "Aggiungi cliente", "non è un numero di telefono valido")]
    [TestCase(null, "US", "Add a client", "Import from CSV", "+1 201-555-0123", "Add client", "is not a valid phone number")]
    public async Task The_phone_examples_are_numbers_of_the_consultants_country_and_the_csv_help_fits_a_phone(
        string? locale, string country, string addClient, string importCsv, string example, string addButton, string notValid)
    {
        using var consultant = await Host.RegisterConsultantAsync("Phone Examples " + country);
        (await consultant.Http.PutAsJsonAsync("/api/account/settings", new { defaultCountry = country })).EnsureSuccessStatusCode();
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/clients");

        await page.GetByText(addClient, new() { Exact = true }).ClickAsync();
        var phoneField = page.Locator(".mud-input-control", new() { Has = page.Locator("#client-phone") });
        await Assertions.Expect(phoneField).ToContainTextAsync(example);

        // A number the save refuses: the reason's example is one of the consultant's country too, not a US one. The
        // field is left (Tab) before the click, so its value is bound before the form is submitted.
        await page.Locator("#client-name").FillAsync("Marco Bianchi");
        await page.Locator("#client-phone").FillAsync("12345");
        await page.Locator("#client-phone").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = addButton }).ClickAsync();
        await Assertions.Expect(phoneField).ToContainTextAsync(notValid);
        await Assertions.Expect(phoneField).ToContainTextAsync($"{example}), ");
        await Assertions.Expect(phoneField).Not.ToContainTextAsync("+14155550123");

        await page.GetByText(importCsv, new() { Exact = true }).ClickAsync();
        var columns = page.GetByTestId("csv-columns");
        await Assertions.Expect(columns.Locator("tr[data-column=phone]")).ToContainTextAsync(example);
        await Assertions.Expect(page.Locator(".mud-main-content")).Not.ToContainTextAsync("+34 612");
        await Assertions.Expect(page.Locator(".mud-main-content")).Not.ToContainTextAsync("+14155550123");
        await ScreenshotAsync(page, "clients-phone-examples-" + country);

        // Each column's name whole on one line, the hint beside it, the table within the screen.
        foreach (var name in new[] { "name", "phone", "email", "language", "goals" })
        {
            Assert.That(await OnOneLineAsync(columns.Locator($"tr[data-column={name}] code")), Is.True, $"\"{name}\" on one line");
        }

        var languageHint = await columns.Locator("tr[data-column=language] [data-testid=csv-column-hint]").BoundingBoxAsync();
        Assert.That(languageHint!.Width, Is.GreaterThan(180), "the language hint gets the width");
        Assert.That(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "no sideways scrolling");
    }
}
