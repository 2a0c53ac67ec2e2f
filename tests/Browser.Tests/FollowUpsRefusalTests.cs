using Consultant.Grains.FollowUps;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// A refused save of the follow-up rules said as on the Guided flows and Broadcasts pages: a toast with how many
/// mistakes, the same ones listed at the top of the rules (each naming its rule and field, six cards down the page),
/// each still at its field.
/// </summary>
public sealed class FollowUpsRefusalTests : BrowserFixture
{
    private FollowUpService FollowUps => Host.Services.GetRequiredService<FollowUpService>();

    [TestCase("en-US", "Not saved: 2 mistakes, marked in red.", "Not saved: 1 mistake, marked in red.", "Rules saved.",
        "“Silent lead: first nudge” — After the silence of: Between 1 hour and 30 days.",
        "“Silent lead: first nudge” — English: Unknown placeholder {nome}: use {name}.")]
    [TestCase("it-IT", "Non salvato: 2 errori, segnati in rosso.", "Non salvato: 1 errore, segnato in rosso.", "Regole salvate.",
        "«Lead silenzioso: primo sollecito» — Dopo un silenzio di: Tra 1 ora e 30 giorni.",
        "«Lead silenzioso: primo sollecito» — Inglese: Segnaposto {nome} sconosciuto: usa {name}.")]
    public async Task A_refused_save_counts_its_mistakes_in_the_toast_and_lists_the_same_ones_at_the_top_naming_rule_and_field(
        string locale, string twoMistakes, string oneMistake, string saved, string delayLine, string textLine)
    {
        using var consultant = await Host.RegisterConsultantAsync("Follow-up Refusal " + locale);
        var page = await NewPageAsync(locale: locale);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/followups");
        var first = page.Locator("[data-testid=rule-card][data-rule=lead_24h]");
        var delay = Field(first, "rule-delay");
        await delay.FillAsync("0");
        await delay.PressAsync("Tab");
        var english = Field(first, "rule-text-en");
        await english.FillAsync("Hi {nome}, still there?");
        await english.PressAsync("Tab");
        await page.GetByTestId("rules-save").ClickAsync();

        var toasts = page.Locator(".mud-snackbar");
        await Assertions.Expect(toasts.Filter(new() { HasText = twoMistakes })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rules-error")).ToHaveTextAsync(new[] { delayLine, textLine });
        await Assertions.Expect(first.GetByTestId("error-lead_24h.texts.en")).ToHaveTextAsync(textLine.Split(" — ")[1].Split(": ", 2)[1]);
        await ScreenshotAsync(page, "followups-refused-" + locale);

        // One corrected: one counted, that one listed.
        await english.FillAsync("Hi {name}, still there?");
        await english.PressAsync("Tab");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(toasts.Filter(new() { HasText = oneMistake })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rules-error")).ToHaveTextAsync(new[] { delayLine });
        var stored = (await FollowUps.GetRulesAsync(consultant.Id)).Rules.Single(rule => rule.Key == FollowUpRuleKeys.Lead24h);
        Assert.That(stored.Texts["en"], Is.Not.EqualTo("Hi {name}, still there?"), "nothing saved while refused");

        // All corrected: saved, and the summary gone.
        await delay.FillAsync("20");
        await delay.PressAsync("Tab");
        await page.GetByTestId("rules-save").ClickAsync();
        await Assertions.Expect(toasts.Filter(new() { HasText = saved })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rules-errors")).ToHaveCountAsync(0);
    }

    private static ILocator Field(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;
}
