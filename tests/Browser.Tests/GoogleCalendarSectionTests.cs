using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The settings page's Google Calendar section on a server where the operator has not set Google up.</summary>
public sealed class GoogleCalendarSectionTests : BrowserFixture
{
    [Test]
    public async Task Without_a_client_id_the_section_says_the_operator_must_set_it_and_offers_no_button_in_English_and_Italian()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var section = page.GetByTestId("google-calendar-section");
        await Assertions.Expect(section.GetByTestId("google-not-configured")).ToContainTextAsync("Ask the operator to set Google:ClientId");
        await Assertions.Expect(section.GetByTestId("google-connect")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "google-calendar-not-configured");

        var italian = await NewPageAsync(locale: "it-IT");
        await SignInAsync(italian, consultant.Email, consultant.Password);
        await italian.GotoAsync("/settings/whatsapp");
        await Assertions.Expect(italian.GetByTestId("google-not-configured")).ToContainTextAsync("Chiedi all'operatore di impostare Google:ClientId");
    }
}
