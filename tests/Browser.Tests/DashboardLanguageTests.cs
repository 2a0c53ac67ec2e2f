using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The dashboard in Italian or English: the browser's language first, then the consultant's own choice.</summary>
public sealed class DashboardLanguageTests : BrowserFixture
{
    [Test]
    public async Task An_Italian_browser_gets_an_Italian_dashboard_and_the_menu_switch_to_English_is_remembered()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Italiana");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        var navigation = page.GetByTestId("nav-drawer");
        await Assertions.Expect(navigation.GetByText("Conversazioni")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Esci" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard-italian");

        await page.GetByTestId("account-menu-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("language-it")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("disabled"));
        await page.GetByTestId("language-en").ClickAsync();
        await Assertions.Expect(navigation.GetByText("Conversations")).ToBeVisibleAsync();

        // Chosen, not guessed: the Italian browser keeps the English dashboard in a new session too.
        var later = await NewPageAsync(locale: "it-IT");
        await SignInAsync(later, consultant.Email, consultant.Password);
        await Assertions.Expect(later.GetByTestId("nav-drawer").GetByText("Conversations")).ToBeVisibleAsync();
        await Assertions.Expect(later.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
