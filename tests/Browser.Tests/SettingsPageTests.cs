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
    public async Task The_template_fields_show_what_is_typed_on_a_laptop_and_fit_a_phone()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync(); // 1366 px wide
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        const string sid = "HX0123456789abcdef0123456789abcdef";
        await page.FillAsync("#templateName", "Appointment reminder");
        await page.FillAsync("#templateContentSid", sid);
        await page.FillAsync("#templateBody", "Hi {{1}}, your consultation is on {{2}}: reply here to move it.");

        // Three side by side in the narrow column were about 100 px each: a Content SID could not be read as typed.
        foreach (var id in new[] { "templateName", "templateContentSid", "templateBody" })
        {
            var (width, cut) = await SizeAsync(page, id);
            Assert.That(width, Is.GreaterThanOrEqualTo(300), $"#{id} is wide enough to read");
            Assert.That(cut, Is.False, $"#{id} shows all that was typed");
        }

        await ScreenshotAsync(page, "templates-laptop");
        await page.SetViewportSizeAsync(390, 844);
        var form = (await page.GetByTestId("template-form").BoundingBoxAsync())!;
        foreach (var id in new[] { "templateName", "templateContentSid", "templateBody" })
        {
            var box = (await page.Locator(".mud-input-control", new() { Has = page.Locator("#" + id) }).Last.BoundingBoxAsync())!;
            Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(390), $"#{id} within a 390 px screen");
            Assert.That(box.Width, Is.GreaterThanOrEqualTo(form.Width - 1), $"#{id} takes the section's whole width on a phone");
        }

        await ScreenshotAsync(page, "templates-phone");
        await page.GetByTestId("add-template").ClickAsync();
        await Assertions.Expect(page.GetByTestId("template-row")).ToContainTextAsync(sid);
    }

    /// <summary>A field's width, and whether its text runs past it (cut off at the right or below).</summary>
    private static async Task<(double Width, bool Cut)> SizeAsync(IPage page, string id)
    {
        var size = await page.Locator("#" + id).EvaluateAsync<double[]>(
            "e => [e.getBoundingClientRect().width, e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight]");
        return (size[0], size[1] > 1 || size[2] > 1);
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
        await Assertions.Expect(page.GetByText("Carla <b>Bold</b> added.")).ToBeVisibleAsync();

        // The list shows the new client even when the page's first load (started before the add) answers last.
        var row = page.Locator("tr", new() { HasText = "+34 612 34 56 78" }); // the number written for people
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
        var orleans = adminPage.GetByTestId("orleans-dashboard-link");
        await Assertions.Expect(orleans).ToBeVisibleAsync();

        // The Orleans Dashboard has no link back: it opens in a tab of its own, and the link says so before it is clicked.
        await Assertions.Expect(orleans).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(orleans).ToHaveAttributeAsync("title", "Opens in a new tab: the Orleans Dashboard has no link back, close its tab to return here.");
        await Assertions.Expect(orleans.GetByTestId("orleans-dashboard-new-tab")).ToBeVisibleAsync();
        var dashboardUrl = adminPage.Url;
        var tab = await adminPage.Context.RunAndWaitForPageAsync(() => orleans.ClickAsync());
        await tab.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/orleans", StringComparison.Ordinal));
        Assert.That(adminPage.Url, Is.EqualTo(dashboardUrl), "the consultant dashboard stays open in its own tab");
        await tab.CloseAsync();
    }
}
