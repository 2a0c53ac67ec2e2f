using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Clients;
using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The client pages: the CSV import's picker, columns and example file; errors marked on their fields in words; numbers
/// written for people in the list, found however they are typed.
/// </summary>
public sealed class ClientPagesTests : BrowserFixture
{
    [Test]
    public async Task The_csv_import_shows_the_columns_offers_an_example_that_imports_cleanly_and_uses_a_styled_picker()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Importing Consultant");
        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/clients");
        await page.GetByText("Import from CSV").ClickAsync();

        var columns = page.GetByTestId("csv-columns");
        foreach (var column in ClientCsvImporter.KnownColumns)
        {
            await Assertions.Expect(columns.Locator("tr", new() { HasText = column })).ToContainTextAsync(
                ClientCsvImporter.RequiredColumns.Contains(column) ? "required" : "optional");
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-example").ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo("clients-example.csv"));
        var example = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.That(example.Split('\n')[0], Is.EqualTo(string.Join(",", ClientCsvImporter.KnownColumns)), "exactly the columns the importer reads");

        // The picker is a button; the browser's own file input stays hidden.
        await Assertions.Expect(page.GetByTestId("csv-choose")).ToBeVisibleAsync();
        var fileInput = page.Locator("input[type=file]");
        await Assertions.Expect(fileInput).ToBeHiddenAsync();
        await ScreenshotAsync(page, "csv-import");
        await fileInput.SetInputFilesAsync(await download.PathAsync());

        var rows = example.Trim().Split('\n').Length - 1;
        await Assertions.Expect(page.GetByTestId("import-report")).ToHaveTextAsync($"Imported {rows} clients.");
        await Assertions.Expect(page.Locator("table.mud-table-root")).ToContainTextAsync("Maria Lopez");
    }

    [Test]
    public async Task Field_errors_are_marked_on_their_fields_in_words_and_an_unreadable_number_is_refused_not_saved_as_empty()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Careful Consultant");
        var clientId = await tenant.AddClientAsync("Marco Rossi", "+393471234001");
        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/clients/{clientId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Workouts" }).ClickAsync();
        await page.Locator("#log-exercise").FillAsync("Deadlift");
        await page.Locator("#log-weight").FillAsync("1001");
        await page.Locator("#log-weight").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to log" }).ClickAsync();
        await Assertions.Expect(FieldOf(page, "log-weight")).ToContainTextAsync("The weight (kg) must be between 0 and 1,000.");
        await ScreenshotAsync(page, "client-field-error");

        // A number the field cannot read (too big for a whole number) is refused on the field, not saved as empty.
        await page.Locator("#log-weight").FillAsync("80");
        await page.Locator("#log-sets").FillAsync("99999999999");
        await page.Locator("#log-sets").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to log" }).ClickAsync();
        await Assertions.Expect(FieldOf(page, "log-sets")).ToContainTextAsync("Sets is not a number that can be saved");
        var records = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/records");
        Assert.That(records.GetProperty("exerciseLog").GetArrayLength(), Is.Zero, "nothing saved");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Finances" }).ClickAsync();
        await page.Locator("#finance-income").FillAsync("10000000000000000");
        await page.Locator("#finance-expenses").FillAsync("100");
        await page.Locator("#finance-goal").FillAsync("100");
        await page.Locator("#finance-goal").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save finances" }).ClickAsync();
        await Assertions.Expect(FieldOf(page, "finance-income")).ToContainTextAsync("Monthly income must be below 1,000,000,000,000.");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("monthlyIncome");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Some fields need attention");
    }

    [Test]
    public async Task A_client_form_refuses_what_registration_refuses_names_who_has_a_phone_and_a_refused_csv_is_only_refused()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Refusing Consultant");
        await tenant.AddClientAsync("Marco Bianchi", "+393475551234");
        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/clients");
        await Assertions.Expect(page.GetByTestId("client-count")).ToHaveTextAsync("1 client");

        await page.GetByText("Add a client").ClickAsync();
        await page.Locator("#client-name").FillAsync("Sara Neri");
        await page.Locator("#client-phone").FillAsync("333 000 1111");
        await page.Locator("#client-email").FillAsync("sara@example");
        // Clicked again when the first click brought no answer: once in a CI run the page showed the form filled, the
        // button enabled, no refusal and no new client for 30 s, as if the click never arrived (a person clicks again).
        // A refused add changes nothing, so a second click cannot add anyone.
        var emailField = FieldOf(page, "client-email");
        await Poll.UntilAsync(async () =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
                try
                {
                    await Assertions.Expect(emailField).ToContainTextAsync("'sara@example' is not a valid e-mail address.", new() { Timeout = 10_000 });
                    return true;
                }
                catch (PlaywrightException)
                {
                    return false;
                }
            }, refused => refused, TimeSpan.FromSeconds(60), "the e-mail address refused");

        await page.Locator("#client-email").FillAsync("sara@example.com");
        await page.Locator("#client-phone").FillAsync("347 555 1234");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Assertions.Expect(FieldOf(page, "client-phone")).ToContainTextAsync("Your client Marco Bianchi already has the number +39 347 555 1234.");

        await page.Locator("#client-phone").FillAsync("333 000 1111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-count")).ToHaveTextAsync("2 clients");

        await page.GetByText("Import from CSV").ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "contacts.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("Nome;Telefono\nAnna;+393331112222\n"),
        });
        var report = page.GetByTestId("import-report");
        await Assertions.Expect(report).ToHaveTextAsync(
            "The file was not imported: Missing columns: name, phone. Expected columns: name,phone,email,language,goals.");
        await Assertions.Expect(page.Locator("table", new() { HasText = "Problem" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "csv-refused");
    }

    /// <summary>The whole form control of the input with this id: the input, its label and its helper or error text.</summary>
    [TestCase(null, "Goals")]
    [TestCase("it-IT", "Obiettivi")]
    public async Task The_client_list_on_a_phone_shows_every_value_within_the_screen_with_a_long_goal_shortened(string? locale, string goalsLabel)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Phone Client List " + (locale ?? "en"));
        await tenant.AddClientAsync("Ana García", "+34611223344",
            goals: "Lose 6 kg before her wedding in March; run 5 km without stopping; sleep eight hours a night.");
        var page = await NewPageAsync(locale);
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/clients");
        var goals = page.Locator($"td[data-label='{goalsLabel}']");
        await Assertions.Expect(goals).ToContainTextAsync("Lose 6 kg");

        // A goal wider than the card pushed the table past its container: names, numbers and e-mails were cut at the edge.
        var table = await page.Locator(".mud-table-container").Filter(new() { Has = goals }).EvaluateAsync<int[]>(
            "container => [container.scrollWidth, container.clientWidth]");
        Assert.That(table[0], Is.LessThanOrEqualTo(table[1]), "the table fits its container");
        foreach (var cell in await page.Locator("td[data-label]").AllAsync())
        {
            var box = (await cell.BoundingBoxAsync())!;
            Assert.That(box.X + box.Width, Is.LessThanOrEqualTo(390), $"{await cell.GetAttributeAsync("data-label")} within the screen");
        }

        await ScreenshotAsync(page, "client-list-phone-" + (locale ?? "en"));
    }

    [TestCase(null)]
    [TestCase("it-IT")]
    public async Task The_client_list_writes_numbers_for_people_and_the_search_finds_a_client_however_the_number_is_typed(string? locale)
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Readable Numbers " + (locale ?? "en"));
        await tenant.AddClientAsync("Anna Rossi", "+393331234567");
        await tenant.AddClientAsync("Olivia Brown", "+447911123456");
        var page = await NewPageAsync(locale);
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/clients");

        var numbers = page.GetByTestId("client-phone");
        await Assertions.Expect(numbers).ToHaveTextAsync(new[] { "+39 333 123 4567", "+44 7911 123456" });
        Assert.That(await numbers.First.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"), Is.EqualTo("nowrap"), "a number is not broken at its spaces");

        var search = page.Locator("[data-testid=client-search] input, input[data-testid=client-search]").First;
        foreach (var (typed, name) in new[]
                 {
                     ("+39 333 123 4567", "Anna Rossi"), ("333-123 4567", "Anna Rossi"), ("0039 333 1234567", "Anna Rossi"), ("+393331234567", "Anna Rossi"),
                     ("07911 123456", "Olivia Brown"), ("+44 7911 123456", "Olivia Brown"),
                 })
        {
            // From the whole list each time, so "1 client" is this search's answer and not the last one's.
            await search.FillAsync("");
            await Assertions.Expect(page.GetByTestId("client-count")).ToHaveTextAsync(locale is null ? "2 clients" : "2 clienti");
            await search.FillAsync(typed);
            await Assertions.Expect(page.GetByTestId("client-count")).ToHaveTextAsync(locale is null ? "1 client" : "1 cliente");
            await Assertions.Expect(page.Locator("tr.mud-table-row-clickable")).ToContainTextAsync(name); // the one client found
        }

        await ScreenshotAsync(page, "client-list-numbers-" + (locale ?? "en"));
    }

    private static ILocator FieldOf(IPage page, string inputId) =>
        page.Locator(".mud-input-control", new() { Has = page.Locator($"#{inputId}") }).Last;
}
