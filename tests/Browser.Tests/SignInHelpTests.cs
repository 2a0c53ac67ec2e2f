using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What a new user missed on the sign-in pages: where to turn with a forgotten password (the operator: there is no
/// e-mail reset), a way to see the password typed on sign-in and sign-up, and a sign-up link that looks like one.
/// </summary>
public sealed class SignInHelpTests : BrowserFixture
{
    [TestCase(null, "Forgot your password? Ask the operator", "Show password", "Hide password")]
    [TestCase("it-IT", "Password dimenticata? Chiedi all'operatore", "Mostra la password", "Nascondi la password")]
    public async Task Sign_in_says_whom_to_ask_for_a_forgotten_password_and_both_forms_show_the_password_on_asking(
        string? locale, string forgotten, string show, string hide)
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync("/login");
        await Assertions.Expect(page.GetByTestId("forgot-password-hint")).ToContainTextAsync(forgotten);

        // Sign-in shows the password on asking too.
        var signInPassword = page.Locator("#password");
        var signInToggle = page.GetByTestId("login-password-toggle");
        await signInPassword.FillAsync("my-sign-in-password");
        await Assertions.Expect(signInToggle).ToHaveAttributeAsync("aria-label", show);
        await signInToggle.ClickAsync();
        await Assertions.Expect(signInPassword).ToHaveAttributeAsync("type", "text");
        await Assertions.Expect(signInToggle).ToHaveAttributeAsync("aria-label", hide);
        await signInToggle.ClickAsync();
        await Assertions.Expect(signInPassword).ToHaveAttributeAsync("type", "password");

        // "Create an account" looks like a link, not like the grey sentence it ends.
        var link = page.GetByTestId("register-link");
        var linkColor = await link.EvaluateAsync<string>("e => getComputedStyle(e).color");
        var sentenceColor = await link.EvaluateAsync<string>("e => getComputedStyle(e.parentElement).color");
        Assert.That(linkColor, Is.Not.EqualTo(sentenceColor), "the link's colour");
        Assert.That(await link.EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine"), Does.Contain("underline"));
        await ScreenshotAsync(page, "login-password-toggle-" + (locale ?? "en"));

        await page.GetByTestId("register-link").ClickAsync();
        var password = page.Locator("#password");
        var toggle = page.GetByTestId("register-password-toggle");
        // The sign-in page has a #password too: fill the sign-up page's, once it is there.
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await password.FillAsync("my-secret-password");
        await Assertions.Expect(password).ToHaveAttributeAsync("type", "password");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", show);
        await toggle.ClickAsync();
        await Assertions.Expect(password).ToHaveAttributeAsync("type", "text");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", hide);
        await ScreenshotAsync(page, "register-password-shown-" + (locale ?? "en"));

        // Inside the field, at its end, as an adornment; a second click hides it again.
        var field = (await password.BoundingBoxAsync())!;
        var button = (await toggle.BoundingBoxAsync())!;
        Assert.That(button.X, Is.GreaterThan(field.X + field.Width / 2), "at the field's end");
        Assert.That(button.X + button.Width, Is.LessThanOrEqualTo(field.X + field.Width + 0.5), "inside the field");
        Assert.That(button.Y + button.Height / 2, Is.EqualTo(field.Y + field.Height / 2).Within(2), "on the field's line");
        await toggle.ClickAsync();
        await Assertions.Expect(password).ToHaveAttributeAsync("type", "password");
        await Assertions.Expect(password).ToHaveValueAsync("my-secret-password");
    }
}
