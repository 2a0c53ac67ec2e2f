using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The settings page's booking section: the defaults shown, a change saved, a bad range named at its field, in English and Italian.</summary>
public sealed class AvailabilitySettingsTests : BrowserFixture
{
    [Test]
    public async Task A_consultant_changes_working_hours_and_break_and_a_range_ending_before_it_starts_is_refused_at_the_field()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var section = page.GetByTestId("availability-section");
        var monday = section.GetByTestId("hours-monday");
        await Assertions.Expect(Input(monday, "hours-start")).ToHaveValueAsync("09:00");
        await Assertions.Expect(section.GetByTestId("hours-saturday")).ToContainTextAsync("Not working");

        await Input(monday, "hours-end").FillAsync("17:00");
        // Days off as the dashboard writes days (day before month), whatever the browser's language (here US English).
        await section.GetByTestId("add-day-off").ClickAsync();
        await TypeAsync(Input(section, "day-off-from"), "24/12/2030");
        await TypeAsync(Input(section, "day-off-to"), "26/12/2030");
        await Input(section, "buffer-minutes").FillAsync("15");
        await Input(section, "buffer-minutes").PressAsync("Tab");
        await section.GetByTestId("save-availability").ClickAsync();
        await Assertions.Expect(page.GetByText("Availability saved.")).ToBeVisibleAsync();

        var saved = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/availability");
        Assert.Multiple(() =>
        {
            Assert.That(saved.GetProperty("weeklyHours")[0].GetProperty("end").GetString(), Is.EqualTo("17:00:00"));
            Assert.That(saved.GetProperty("bufferMinutes").GetInt32(), Is.EqualTo(15));
            Assert.That(saved.GetProperty("blockedPeriods")[0].GetProperty("from").GetString(), Is.EqualTo("2030-12-24"));
            Assert.That(saved.GetProperty("blockedPeriods")[0].GetProperty("to").GetString(), Is.EqualTo("2030-12-26"));
        });
        await Assertions.Expect(Input(section, "day-off-from")).ToHaveValueAsync("24/12/2030");

        await Input(monday, "hours-start").FillAsync("18:00");
        await section.GetByTestId("save-availability").ClickAsync();
        await Assertions.Expect(monday.GetByText("The end is before the start: a range ends later the same day.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "availability-error");
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/availability"))
            .GetProperty("weeklyHours")[0].GetProperty("start").GetString(), Is.EqualTo("09:00:00"), "nothing saved");
    }

    [Test]
    public async Task The_section_speaks_Italian_with_Italian_day_names_and_errors()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var section = page.GetByTestId("availability-section");
        await Assertions.Expect(section).ToContainTextAsync("Prenotazioni");
        await Assertions.Expect(section.GetByTestId("hours-monday")).ToContainTextAsync("lunedì");

        await section.GetByTestId("hours-tuesday").GetByTestId("add-hours").ClickAsync();
        await section.GetByTestId("save-availability").ClickAsync();
        await Assertions.Expect(section.GetByText("Questa fascia si sovrappone a un'altra dello stesso giorno: uniscile o spostane una.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "availability-italian");
    }

    [Test]
    public async Task At_1366_pixels_the_italian_labels_fit_a_non_whole_number_is_refused_at_its_field_and_an_emptied_one_shows_its_default()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);
        await page.GotoAsync("/settings/whatsapp");
        var section = page.GetByTestId("availability-section");
        await Assertions.Expect(Input(section, "notice-minutes")).ToHaveValueAsync("120");
        await Assertions.Expect(section).ToContainTextAsync("giorni");
        foreach (var field in new[] { "consultation-minutes", "buffer-minutes", "notice-minutes", "horizon-days" })
        {
            var label = section.Locator($".mud-input-control:has(input[data-testid={field}]) label").First;
            var cut = await label.EvaluateAsync<bool>("l => l.scrollWidth > l.clientWidth");
            Assert.That(cut, Is.False, $"the label of {field} ({await label.TextContentAsync()}) is cut");
        }

        var start = Input(section.GetByTestId("hours-monday"), "hours-start");
        // The dashboard's 24-hour time (the browser's own box once showed "09:00 AM" and needed the room), never cut.
        await Assertions.Expect(start).ToHaveValueAsync("09:00");
        Assert.That(await start.EvaluateAsync<bool>("i => i.scrollWidth > i.clientWidth"), Is.False, "09:00 fits its field");

        await Input(section, "notice-minutes").FillAsync("1,5");
        await Input(section, "notice-minutes").PressAsync("Tab");
        await section.GetByTestId("save-availability").ClickAsync();
        await Assertions.Expect(section.GetByText("Scrivi un numero intero, ad es. 60.")).ToBeVisibleAsync();
        await Assertions.Expect(Input(section, "notice-minutes")).ToHaveValueAsync("1,5");
        await ScreenshotAsync(page, "availability-not-whole");
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/booking/availability"))
            .GetProperty("minimumNoticeMinutes").GetInt32(), Is.EqualTo(120), "nothing saved");

        await Input(section, "consultation-minutes").FillAsync("");
        await Input(section, "consultation-minutes").PressAsync("Tab");
        await Assertions.Expect(Input(section, "consultation-minutes")).ToHaveValueAsync("60");
    }

    /// <summary>Types into a date or time picker as a person does, then leaves the field (the picker reads the text then).</summary>
    private static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    /// <summary>The input of a field, whether the test id is on the input or on its wrapper.</summary>
    private static ILocator Input(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
