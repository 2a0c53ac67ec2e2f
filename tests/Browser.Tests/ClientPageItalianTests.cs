using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// A client's page on an Italian dashboard: Italian words, numbers typed the Italian way ("62,5" kg, "2.500" €) saved
/// as those numbers, and a consultation typed at 14:30 on the consultant's own clock (Europe/Rome), never UTC.
/// </summary>
public sealed class ClientPageItalianTests : BrowserFixture
{
    [Test]
    public async Task An_Italian_consultant_logs_62_comma_5_kg_saves_2_dot_500_income_and_books_14_30_in_their_time_zone()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "Giulia Consulente");
        (await tenant.Consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Europe/Rome" })).EnsureSuccessStatusCode();
        var clientId = await tenant.AddClientAsync("Marco Bianchi", "+393471234002");
        await tenant.WebhookAsync(Host, "+393471234002", "Ciao coach");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync("/clients");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Clienti");
        await Assertions.Expect(page.GetByTestId("client-count")).ToHaveTextAsync("1 cliente");
        await Assertions.Expect(page.GetByPlaceholder("Cerca per nome, telefono o e-mail")).ToBeVisibleAsync();
        await page.GetByText("Marco Bianchi").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Salva profilo" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tutti i clienti" })).ToBeVisibleAsync();
        var romeToday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome"))
            .ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(page.GetByTestId("client-conversation-link")).ToHaveTextAsync("Apri la conversazione");
        await Assertions.Expect(page.GetByTestId("client-conversation-last")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex($@"^ultimo messaggio {romeToday} \d{{2}}:\d{{2}}"));

        // Workouts: "62,5" is 62.5 kg, shown back as 62,5 with today's date written the Italian way.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Allenamenti" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Registro esercizi")).ToBeVisibleAsync();
        await page.Locator("#log-exercise").FillAsync("Panca piana");
        await page.Locator("#log-sets").PressSequentiallyAsync("4");
        await page.Locator("#log-reps").PressSequentiallyAsync("8");
        await page.Locator("#log-weight").PressSequentiallyAsync("62,5");
        await page.Locator("#log-weight").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi al registro" }).ClickAsync();
        var log = page.GetByTestId("exercise-log");
        await Assertions.Expect(log).ToContainTextAsync("62,5");
        await Assertions.Expect(log).ToContainTextAsync(romeToday);
        var records = await RecordsAsync(tenant, clientId);
        Assert.That(records.GetProperty("exerciseLog")[0].GetProperty("weightKg").GetDecimal(), Is.EqualTo(62.5m));

        // "62.5" is not how an Italian writes 62,5: refused at the field, not saved as 625.
        await page.Locator("#log-exercise").FillAsync("Squat");
        await page.Locator("#log-weight").FillAsync("62.5");
        await page.Locator("#log-weight").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi al registro" }).ClickAsync();
        await Assertions.Expect(FieldOf(page, "log-weight")).ToContainTextAsync("Il peso (kg): non è un numero che si può salvare");
        await Assertions.Expect(page.Locator("#log-weight")).ToHaveValueAsync("62.5"); // what was typed stays, to be corrected
        Assert.That((await RecordsAsync(tenant, clientId)).GetProperty("exerciseLog").GetArrayLength(), Is.EqualTo(1), "nothing else saved");
        await ScreenshotAsync(page, "client-italian-workouts");

        // Finances: "2.500" is two thousand five hundred, shown back as 2.500.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Finanze" }).ClickAsync();
        await page.Locator("#finance-income").PressSequentiallyAsync("2.500");
        await page.Locator("#finance-expenses").PressSequentiallyAsync("1.800,50");
        await page.Locator("#finance-goal").PressSequentiallyAsync("10000");
        await page.Locator("#finance-goal").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salva finanze" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Finanze salvate.")).ToBeVisibleAsync();
        var finance = (await RecordsAsync(tenant, clientId)).GetProperty("finance");
        Assert.That(finance.GetProperty("monthlyIncome").GetDecimal(), Is.EqualTo(2500m));
        Assert.That(finance.GetProperty("monthlyExpenses").GetDecimal(), Is.EqualTo(1800.5m));
        Assert.That(finance.GetProperty("savingsGoal").GetDecimal(), Is.EqualTo(10000m));
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Finanze" }).ClickAsync();
        await Assertions.Expect(page.Locator("#finance-income")).ToHaveValueAsync("2.500");
        await Assertions.Expect(page.Locator("#finance-expenses")).ToHaveValueAsync("1.800,5");
        await Assertions.Expect(page.Locator("#finance-goal")).ToHaveValueAsync("10.000");

        // Consultations: 15/07/2027 at 14:30 in Rome (summer time, UTC+2) is 12:30 UTC, and is listed as 14:30.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Consulenze" }).ClickAsync();
        var date = page.GetByTestId("consultation-date").Locator("input");
        await date.FillAsync("15/07/2027");
        await date.PressAsync("Tab");
        var time = page.GetByTestId("consultation-time").Locator("input");
        await time.FillAsync("14:30");
        await time.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("consultation-time")).ToContainTextAsync("Europe/Rome");
        await page.Locator("#consultation-topic").FillAsync("Check-in mensile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aggiungi consulenza" }).ClickAsync();
        var consultations = page.GetByTestId("consultations");
        await Assertions.Expect(consultations).ToContainTextAsync("15/07/2027 14:30");
        await Assertions.Expect(consultations).ToContainTextAsync("Programmata");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("UTC");
        var stored = (await RecordsAsync(tenant, clientId)).GetProperty("consultations")[0].GetProperty("scheduledAt").GetDateTimeOffset();
        Assert.That(stored, Is.EqualTo(new DateTimeOffset(2027, 7, 15, 12, 30, 0, TimeSpan.Zero)));
        await ScreenshotAsync(page, "client-italian-consultations");
    }

    [Test]
    public async Task An_English_consultant_logs_62_point_5_kg_and_2_comma_500_income_and_62_comma_5_is_refused()
    {
        using var tenant = await BrowserTenant.CreateAsync(Host, Twilio, "English Consultant");
        var clientId = await tenant.AddClientAsync("Tom Baker", "+447400123456");
        var page = await NewPageAsync();
        await SignInAsync(page, tenant.Consultant.Email, tenant.Consultant.Password);
        await page.GotoAsync($"/clients/{clientId}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Workouts" }).ClickAsync();
        await page.Locator("#log-exercise").FillAsync("Bench press");
        await page.Locator("#log-weight").PressSequentiallyAsync("62,5");
        await page.Locator("#log-weight").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to log" }).ClickAsync();
        await Assertions.Expect(FieldOf(page, "log-weight")).ToContainTextAsync("The weight (kg) is not a number that can be saved: type a number, e.g. 82.5.");
        Assert.That((await RecordsAsync(tenant, clientId)).GetProperty("exerciseLog").GetArrayLength(), Is.Zero, "not saved as 625");

        await page.Locator("#log-weight").FillAsync("62.5");
        await page.Locator("#log-weight").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to log" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("exercise-log")).ToContainTextAsync("62.5");
        Assert.That((await RecordsAsync(tenant, clientId)).GetProperty("exerciseLog")[0].GetProperty("weightKg").GetDecimal(), Is.EqualTo(62.5m));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Finances" }).ClickAsync();
        await page.Locator("#finance-income").PressSequentiallyAsync("2,500");
        await page.Locator("#finance-expenses").PressSequentiallyAsync("1800.50");
        await page.Locator("#finance-goal").PressSequentiallyAsync("10,000");
        await page.Locator("#finance-goal").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save finances" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Finances saved.")).ToBeVisibleAsync();
        var finance = (await RecordsAsync(tenant, clientId)).GetProperty("finance");
        Assert.That(finance.GetProperty("monthlyIncome").GetDecimal(), Is.EqualTo(2500m));
        Assert.That(finance.GetProperty("monthlyExpenses").GetDecimal(), Is.EqualTo(1800.5m));
    }

    private static Task<JsonElement> RecordsAsync(BrowserTenant tenant, Guid clientId) =>
        tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/records");

    /// <summary>The whole form control of the input with this id: the input, its label and its helper or error text.</summary>
    private static ILocator FieldOf(IPage page, string inputId) =>
        page.Locator(".mud-input-control", new() { Has = page.Locator($"#{inputId}") }).Last;
}
