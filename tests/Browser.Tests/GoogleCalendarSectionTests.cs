using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The settings page's Google Calendar section on a server where the operator has not set Google up.</summary>
public sealed class GoogleCalendarSectionTests : BrowserFixture
{
    [Test]
    public async Task Without_a_client_id_a_consultant_is_sent_to_the_administrator_and_the_feed_and_only_an_administrator_sees_the_keys()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var section = page.GetByTestId("google-calendar-section");
        var notConfigured = section.GetByTestId("google-not-configured");
        await Assertions.Expect(notConfigured).ToContainTextAsync("Google Calendar is not available on this installation yet: ask your administrator.");
        await Assertions.Expect(notConfigured).ToContainTextAsync("the Calendar feed below");
        await Assertions.Expect(notConfigured).Not.ToContainTextAsync("Google:ClientId");
        await Assertions.Expect(section).Not.ToContainTextAsync("Bookings go into your Google Calendar");
        await Assertions.Expect(section.GetByTestId("google-connect")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "google-calendar-not-configured");

        var italian = await NewPageAsync(locale: "it-IT");
        await SignInAsync(italian, consultant.Email, consultant.Password);
        await italian.GotoAsync("/settings/whatsapp");
        var italianNotice = italian.GetByTestId("google-not-configured");
        await Assertions.Expect(italianNotice).ToContainTextAsync("chiedi al tuo amministratore");
        await Assertions.Expect(italianNotice).Not.ToContainTextAsync("Google:ClientId");
        await Assertions.Expect(italian.GetByTestId("google-calendar-section")).Not.ToContainTextAsync("Le prenotazioni finiscono nel tuo Google Calendar");

        using var admin = await Host.RegisterAdministratorAsync();
        var adminPage = await NewPageAsync();
        await SignInAsync(adminPage, admin.Email, admin.Password);
        await adminPage.GotoAsync("/settings/whatsapp");
        await Assertions.Expect(adminPage.GetByTestId("google-admin-setup")).ToContainTextAsync("set Google:ClientId and Google:ClientSecret");
    }
}
