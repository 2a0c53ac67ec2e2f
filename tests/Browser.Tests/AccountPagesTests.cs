using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>Signing up, changing the password from the account menu, and the dashboard on a phone-sized screen.</summary>
public sealed class AccountPagesTests : BrowserFixture
{
    [Test]
    public async Task A_new_consultant_registers_from_the_sign_in_page_sees_each_problem_under_its_field_and_is_signed_in()
    {
        using var existing = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("register-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/register", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#name")).ToBeVisibleAsync(); // the sign-in page has #email too

        await page.FillAsync("#email", "not-an-address");
        await page.FillAsync("#password", "short");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("register-name-error")).ToContainTextAsync("A name is required");
        await Assertions.Expect(page.GetByTestId("register-email-error")).ToContainTextAsync("valid e-mail");
        await Assertions.Expect(page.GetByTestId("register-password-error")).ToContainTextAsync("at least 8 characters");
        await Assertions.Expect(page.Locator("#email")).ToHaveValueAsync("not-an-address");
        await Assertions.Expect(page.Locator("#password")).ToHaveValueAsync(""); // never sent back
        await ScreenshotAsync(page, "register-errors");

        await page.FillAsync("#name", "Nora New");
        await page.FillAsync("#email", existing.Email);
        await page.FillAsync("#password", "a-good-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("register-email-error")).ToContainTextAsync("already exists");
        await Assertions.Expect(page.GetByTestId("register-name-error")).ToHaveCountAsync(0);

        await page.FillAsync("#email", $"nora{Guid.NewGuid():N}@test.local");
        await page.FillAsync("#password", "a-good-password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/register", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Nora New");

        await page.GotoAsync("/register");
        await page.GetByTestId("sign-in-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
    }

    [Test]
    public async Task Changing_the_password_refuses_a_wrong_current_one_keeps_this_session_and_signs_out_the_others()
    {
        using var consultant = await Host.RegisterConsultantAsync("Pat Password");
        const string newPassword = "my-new-password-2";
        var otherBrowser = await NewPageAsync();
        await SignInAsync(otherBrowser, consultant.Email, consultant.Password);
        await otherBrowser.GotoAsync("/clients");
        await Assertions.Expect(otherBrowser.Locator("h1")).ToHaveTextAsync("Clients"); // left open in another browser
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);

        await page.GetByTestId("account-menu-button").ClickAsync();
        await page.GetByText("Change password").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/password", StringComparison.Ordinal));

        await page.FillAsync("#currentPassword", "not-my-password");
        await page.FillAsync("#newPassword", newPassword);
        await page.FillAsync("#confirmPassword", newPassword);
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByText("The current password is wrong.")).ToBeVisibleAsync();

        await page.FillAsync("#currentPassword", consultant.Password);
        await page.FillAsync("#confirmPassword", newPassword + "-typo");
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByText("The two new passwords differ.")).ToBeVisibleAsync();

        await page.FillAsync("#confirmPassword", newPassword);
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "password-changed");

        await page.GotoAsync("/clients");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Clients"); // this session stays
        // The tab left open elsewhere is sent to the sign-in page at its next session check (every 30 s), untouched.
        await otherBrowser.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await otherBrowser.GotoAsync("/clients");
        await otherBrowser.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal)); // its cookie is refused too

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await page.FillAsync("#email", consultant.Email);
        await page.FillAsync("#password", consultant.Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("wrong"); // the old password
        await SignInAsync(page, consultant.Email, newPassword);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Pat Password");
    }

    [Test]
    public async Task At_390_pixels_the_page_is_visible_and_the_menu_opens_over_it_and_closes()
    {
        using var consultant = await Host.RegisterConsultantAsync("Phone User");
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/clients");

        var navigationLink = page.GetByRole(AriaRole.Link, new() { Name = "Simulator" });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Clients");
        await Assertions.Expect(navigationLink).Not.ToBeInViewportAsync(); // the drawer starts closed
        Assert.That(await IsOnTopAsync(page, "h1"), Is.True, "nothing covers the page");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await ScreenshotAsync(page, "phone-clients");

        await page.GetByTestId("menu-button").ClickAsync();
        await Assertions.Expect(navigationLink).ToBeInViewportAsync(new() { Ratio = 1 });
        await ScreenshotAsync(page, "phone-menu-open");
        await page.Mouse.ClickAsync(370, 500); // on the shaded page beside the drawer
        await Assertions.Expect(navigationLink).Not.ToBeInViewportAsync();
        Assert.That(await IsOnTopAsync(page, "h1"), Is.True);

        // Choosing a page closes the drawer too.
        await page.GetByTestId("menu-button").ClickAsync();
        await navigationLink.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/simulator", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("WhatsApp simulator");
        await Assertions.Expect(navigationLink).Not.ToBeInViewportAsync();
        Assert.That(await IsOnTopAsync(page, "h1"), Is.True);
    }

    /// <summary>Whether the element under the middle of <paramref name="selector"/> is that element (nothing lies over it).</summary>
    private static Task<bool> IsOnTopAsync(IPage page, string selector) =>
        page.EvaluateAsync<bool>("""
            selector => {
                const target = document.querySelector(selector);
                const box = target.getBoundingClientRect();
                const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                return found !== null && (found === target || target.contains(found));
            }
            """, selector);
}
