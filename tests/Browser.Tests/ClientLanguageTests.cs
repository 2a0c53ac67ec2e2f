using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The client form's language is a picker (Italiano, English, Español, Français, Not set); a local number is read in the default country.</summary>
public sealed class ClientLanguageTests : BrowserFixture
{
    [Test]
    public async Task A_client_gets_a_language_from_the_picker_or_none_and_a_local_number_is_stored_in_e164()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/clients");

        await page.GetByText("Add a client").ClickAsync();
        await page.FillAsync("#client-name", "Lucía Martín");
        await page.FillAsync("#client-phone", "347 555 1234"); // the account's default country: Italy
        await Assertions.Expect(page.GetByTestId("client-language")).ToContainTextAsync("Not set");
        await page.GetByTestId("client-language").ClickAsync();
        var options = page.Locator(".mud-popover-open");
        foreach (var name in new[] { "Italiano", "English", "Español", "Français", "Not set" })
        {
            await Assertions.Expect(options.GetByText(name, new() { Exact = true })).ToBeVisibleAsync();
        }

        await ScreenshotAsync(page, "client-language-picker");
        await PickAsync(page, "Español", page.GetByTestId("client-language"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();

        var row = page.Locator("tr", new() { HasText = "+39 347 555 1234" });
        await Assertions.Expect(row).ToContainTextAsync("Español");
        var listed = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=Luc");
        Assert.That(listed.GetProperty("items")[0].GetProperty("language").GetString(), Is.EqualTo("es"));

        await row.ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-language")).ToContainTextAsync("Español");
        await page.GetByTestId("client-language").ClickAsync();
        await PickAsync(page, "Not set", page.GetByTestId("client-language"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Profile saved.")).ToBeVisibleAsync();
        var saved = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=Luc");
        Assert.That(saved.GetProperty("items")[0].GetProperty("language").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
