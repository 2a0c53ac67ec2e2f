using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The simulator in Italian: a lead's local number is one of the consultant's country, like a client's.</summary>
public sealed class SimulatorLocalNumberTests : BrowserFixture
{
    [Test]
    public async Task A_local_number_is_a_lead_of_the_consultants_country_and_a_wrong_one_is_said_at_its_field_on_enter()
    {
        using var consultant = await Host.RegisterConsultantAsync("Simulatore Italiano");
        (await consultant.Http.PutAsJsonAsync("/api/account/settings", new { defaultCountry = "IT" })).EnsureSuccessStatusCode();
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/simulator");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Simulatore WhatsApp");

        var phone = page.Locator("[data-testid=simulator-phone] input, input[data-testid=simulator-phone]").First;
        await Assertions.Expect(phone).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\+39 3"), new() { Timeout = 30_000 });

        // Not a number: Enter says so at the lead's number, and the message stays to be sent.
        await phone.FillAsync("12");
        var input = page.Locator("[data-testid=simulator-input] input, input[data-testid=simulator-input]").First;
        await input.PressSequentiallyAsync("Ciao, vorrei informazioni");
        await input.PressAsync("Enter");
        var field = page.Locator(".mud-input-control", new() { Has = phone });
        await Assertions.Expect(field).ToContainTextAsync("Non è un numero di telefono: scrivi + e il prefisso internazionale, oppure un numero del tuo paese (IT).");
        await Assertions.Expect(input).ToHaveValueAsync("Ciao, vorrei informazioni");
        await ScreenshotAsync(page, "simulator-wrong-number");

        // A local number, as a consultant in Italy types it.
        await phone.FillAsync("333 987 6543");
        await input.PressAsync("Enter");
        var chat = page.GetByTestId("simulator-messages");
        await Assertions.Expect(chat).ToContainTextAsync("Ciao, vorrei informazioni");
        await Assertions.Expect(input).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(field).Not.ToContainTextAsync("Non è un numero");

        var id = ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated("+393339876543"));
        var stored = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages");
        Assert.That(stored.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("body").GetString()), Does.Contain("Ciao, vorrei informazioni"));
    }
}
