using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// What walks through the dashboard found, each in English and Italian: a cancelled scheduled broadcast, the failed
/// messages' banner, the chat header's number, unsaved follow-up rules, the Guided flows page on a phone.
/// </summary>
public sealed class DashboardWalkTests : BrowserFixture
{
    private const int PhoneWidth = 390;

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task The_flows_page_fits_a_phone_without_scrolling_sideways(string? locale)
    {
        using var consultant = await Host.RegisterConsultantAsync("Flows Phone " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/flows");
        await Assertions.Expect(page.GetByTestId("flow-step").First).ToBeVisibleAsync();
        // With every field shown (the other languages, the ids): the widest the page gets.
        await page.GetByTestId("show-languages").ClickAsync();
        await page.GetByTestId("show-advanced").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-id").First).ToBeVisibleAsync();

        var (scrollWidth, clientWidth, widest) = await OverflowAsync(page);
        await ScreenshotAsync(page, "flows-phone-" + (locale ?? "en"));
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(clientWidth), $"no horizontal scrolling at {PhoneWidth} px; wider than the screen: {widest}");
    }

    /// <summary>The document's scroll and client widths, and the elements that end right of the screen (for the message).</summary>
    private static async Task<(int ScrollWidth, int ClientWidth, string Widest)> OverflowAsync(IPage page)
    {
        var measured = await page.EvaluateAsync<string[]>(
            """
            () => {
              const root = document.scrollingElement;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}: ${(e.innerText || '').slice(0, 40)}`);
              return [String(root.scrollWidth), String(root.clientWidth), wide.join('; ')];
            }
            """);
        return (int.Parse(measured[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(measured[1], System.Globalization.CultureInfo.InvariantCulture), measured[2]);
    }
}
