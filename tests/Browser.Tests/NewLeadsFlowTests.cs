using Consultant.Grains.Flows;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// A new account's built-in "Onboarding" flow answers the first lead by itself: the Overview and the Guided flows page
/// say it is on, what it does and how it stops (the flow for new leads on, as on a real installation).
/// </summary>
public sealed class NewLeadsFlowTests : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Flows:StartForNewLeads"] = "true",
    };

    [TestCase(null, "Guided flow for new leads: on", "\"Onboarding\" answers every new lead's first message", "Every new account starts with this flow, switched on. It answers",
        "Starts by itself for every new lead")]
    [TestCase("it-IT", "Percorso guidato per i nuovi contatti: attivo", "«Onboarding» risponde al primo messaggio di ogni nuovo contatto",
        "Ogni nuovo account parte con questo percorso, già attivo. Risponde", "Parte da solo per ogni nuovo contatto")]
    public async Task A_new_consultant_is_told_the_built_in_flow_answers_new_leads_and_how_to_switch_it_off(
        string? locale, string title, string what, string builtIn, string switchLabel)
    {
        using var consultant = await Host.RegisterConsultantAsync("Onboarding Owner " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);

        var card = page.GetByTestId("overview-new-leads-flow");
        await Assertions.Expect(card).ToContainTextAsync(title);
        await Assertions.Expect(card.GetByTestId("overview-new-leads-flow-text")).ToContainTextAsync(what);
        await Assertions.Expect(card.GetByTestId("overview-new-leads-flow-open")).ToHaveAttributeAsync("href", $"/flows?flow={DefaultFlow.Id}");
        await ScreenshotAsync(page, "overview-new-leads-flow-" + (locale ?? "en"));

        await card.GetByTestId("overview-new-leads-flow-open").ClickAsync();
        var notice = page.GetByTestId("flow-on-for-new-leads");
        await Assertions.Expect(notice).ToContainTextAsync(builtIn);
        await Assertions.Expect(notice).ToContainTextAsync(switchLabel);

        // Switched off and saved: neither says it is on any more.
        await page.GetByRole(AriaRole.Switch, new() { Name = switchLabel }).ClickAsync();
        await Assertions.Expect(notice).ToBeVisibleAsync(); // not saved yet: it still starts by itself
        await page.GetByTestId("save-flow").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flow-unsaved")).ToHaveCountAsync(0);
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("overview-unread")).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }
}
