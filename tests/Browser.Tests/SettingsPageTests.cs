using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

public sealed class SettingsPageTests : BrowserFixture
{
    [Test]
    public async Task A_consultant_signs_in_saves_twilio_settings_and_sees_the_badge_turn_to_configured()
    {
        using var consultant = await Host.RegisterConsultantAsync("Browser Consultant");
        const string accountSid = "AC00112233445566778899aabbccddeeff";
        const string authToken = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        Twilio.AddAccount(accountSid, authToken);

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Browser Consultant");

        await page.GotoAsync("/settings/whatsapp");
        var badge = page.GetByTestId("config-status");
        await Assertions.Expect(badge).ToHaveTextAsync("Not configured");

        await page.FillAsync("#accountSid", accountSid);
        await page.FillAsync("#authToken", authToken);
        await page.FillAsync("#whatsappNumber", "whatsapp:+14155238886");
        await page.GetByTestId("save-settings").ClickAsync();

        await Assertions.Expect(badge).ToHaveTextAsync("Configured");
        await Assertions.Expect(page.GetByTestId("connection-result")).ToContainTextAsync("Test account");
        await ScreenshotAsync(page, "whatsapp-settings-configured");

        // After a reload the saved settings are shown, the token is not.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#whatsappNumber")).ToHaveValueAsync("+14155238886");
        await Assertions.Expect(page.Locator("#authToken")).ToHaveValueAsync("");
        Assert.That(await page.ContentAsync(), Does.Not.Contain(authToken));
    }

    [Test]
    public async Task Invalid_settings_show_the_problem_under_the_field()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");

        await page.FillAsync("#accountSid", "XX123");
        await page.FillAsync("#authToken", "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        await page.FillAsync("#whatsappNumber", "12345");
        await page.GetByTestId("save-settings").ClickAsync();

        await Assertions.Expect(page.GetByText("starts with AC")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("E.164")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("config-status")).ToHaveTextAsync("Not configured");
    }

    [Test]
    public async Task A_wrong_password_is_explained_on_the_sign_in_page()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", consultant.Email);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("wrong");
        Assert.That(await OutlineOfFocusedHeadingAsync(page), Is.EqualTo("none"), "no focus box around the title");
    }

    [Test]
    public async Task Page_titles_show_no_focus_box_and_messages_appear_at_the_bottom_away_from_sign_out()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/clients");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.That(await OutlineOfFocusedHeadingAsync(page), Is.EqualTo("none"));

        await page.GotoAsync("/settings/whatsapp");
        await page.GetByTestId("save-settings").ClickAsync(); // empty form: a snackbar says what is missing
        var snackbar = page.Locator(".mud-snackbar").First;
        await Assertions.Expect(snackbar).ToBeVisibleAsync();
        var snackbarBox = await snackbar.BoundingBoxAsync();
        var signOutBox = await page.GetByText("Sign out").BoundingBoxAsync();
        Assert.That(snackbarBox!.Y, Is.GreaterThan(signOutBox!.Y + signOutBox.Height), "the message stays below the app bar");
        await ScreenshotAsync(page, "snackbar-bottom");
    }

    /// <summary>
    /// The outline the page title shows while it has focus, as it does after each navigation (for screen readers).
    /// Focused here explicitly, so the answer does not depend on whether the page had already moved focus.
    /// </summary>
    private static Task<string> OutlineOfFocusedHeadingAsync(IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
                const h = document.querySelector('h1');
                if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
                h.focus();
                return document.activeElement === h ? getComputedStyle(h).outlineStyle : 'not focused';
            }
            """);

    [Test]
    public async Task The_clients_page_lists_added_clients_and_opens_their_records()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/clients");
        await Assertions.Expect(page.GetByText("No clients yet")).ToBeVisibleAsync();

        await page.GetByText("Add a client").ClickAsync();
        await page.FillAsync("#client-name", "Carla <b>Bold</b>");
        await page.FillAsync("#client-phone", "+34 612 345 678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();

        var row = page.Locator("tr", new() { HasText = "+34612345678" });
        await Assertions.Expect(row).ToContainTextAsync("Carla <b>Bold</b>"); // shown as text, not markup
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Carla <b>Bold</b>");
        await ScreenshotAsync(page, "client-detail");
    }

    [Test]
    public async Task Only_an_administrator_sees_the_orleans_dashboard_link_and_the_sign_out_button_signs_out()
    {
        using var consultant = await Host.RegisterConsultantAsync("Plain Consultant");
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Plain Consultant");
        await Assertions.Expect(page.GetByTestId("orleans-dashboard-link")).ToHaveCountAsync(0);

        // The sign-out form carries its antiforgery token (a post without it is refused).
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/clients");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));

        using var admin = await Host.RegisterAdministratorAsync("Operator");
        var adminPage = await NewPageAsync();
        await SignInAsync(adminPage, admin.Email, admin.Password);
        await Assertions.Expect(adminPage.GetByTestId("signed-in-as")).ToHaveTextAsync("Operator");
        await Assertions.Expect(adminPage.GetByTestId("orleans-dashboard-link")).ToBeVisibleAsync();
    }
}
