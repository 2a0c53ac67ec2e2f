using Consultant.TestSupport;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>The AI key pool page for administrators, in Italian: a key added with a daily quota, today's use against it, the alert on the Overview.</summary>
public sealed class AiKeyPoolPageTests : BrowserFixture
{
    [Test]
    public async Task An_Italian_administrator_adds_a_key_with_a_quota_and_sees_the_80_percent_alert_on_the_overview()
    {
        await Db.ExecuteAsync(Host.ConnectionString, "DELETE FROM ai_api_keys"); // the pool is global: another test's keys go
        using var admin = await Host.RegisterAdministratorAsync("Amministratrice");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, admin.Email, admin.Password);

        await page.GetByTestId("ai-key-pool-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pool di chiavi AI");
        await Assertions.Expect(page.GetByTestId("no-pool-keys")).ToContainTextAsync("Il pool è vuoto");

        // A quota that is not a number is refused at its field, in Italian; nothing is added.
        await page.FillAsync("#poolKeyLabel", "Progetto Studio");
        await page.FillAsync("#poolApiKey", "pool-key-ITAL");
        await page.FillAsync("#poolRequestsPerDay", "molte");
        await page.GetByTestId("add-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-pool-key").GetByText("La quota giornaliera è un numero intero di richieste da 1 a 10.000.000")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("pool-key-row")).ToHaveCountAsync(0);

        await page.FillAsync("#poolRequestsPerDay", "10");
        await page.GetByTestId("add-key").ClickAsync();
        var row = page.GetByTestId("pool-key-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("key-hint")).ToHaveTextAsync("…ITAL");
        await Assertions.Expect(row.GetByTestId("key-today")).ToHaveTextAsync("0 di 10 richieste");
        Assert.That(await page.ContentAsync(), Does.Not.Contain("pool-key-ITAL"), "the key itself never reaches the browser");

        // Eight calls today (Pacific time) with it: 80 % of its quota.
        await Db.ExecuteAsync(Host.ConnectionString, """
            INSERT INTO ai_key_rotation_log (key_id, key_source, consultant_id, outcome, at)
            SELECT k.id, 'pool', gen_random_uuid(), 'ok', now() FROM ai_api_keys k, generate_series(1, 8) WHERE k.label = 'Progetto Studio'
            """);
        await page.ReloadAsync();
        await Assertions.Expect(row.GetByTestId("key-today")).ToHaveTextAsync("8 di 10 richieste");
        var alert = page.GetByTestId("key-pool-alerts").GetByTestId("key-pool-alert");
        await Assertions.Expect(alert).ToContainTextAsync("«Progetto Studio» (…ITAL) ha usato 8 delle sue 10 richieste di oggi (80%)");
        await ScreenshotAsync(page, "ai-key-pool-italian");

        // The Overview shows the same alert to the administrator, with the way to the pool.
        await page.GotoAsync("/");
        var overviewAlerts = page.GetByTestId("overview-key-pool-alerts");
        await Assertions.Expect(overviewAlerts.GetByTestId("key-pool-alert")).ToContainTextAsync("ha usato 8 delle sue 10 richieste di oggi");
        await Assertions.Expect(overviewAlerts).ToContainTextAsync("Aggiungi un'altra chiave");
        await ScreenshotAsync(page, "overview-key-pool-alert-italian");

        // A higher quota ("1.000" as Italians write it): the alert goes.
        await overviewAlerts.GetByRole(AriaRole.Link, new() { Name = "Apri il pool di chiavi AI" }).ClickAsync();
        await row.Locator("input[id^='quota-']").FillAsync("1.000");
        await row.GetByTestId("save-quota").ClickAsync();
        await Assertions.Expect(row.GetByTestId("key-today")).ToHaveTextAsync("8 di 1.000 richieste");
        await Assertions.Expect(alert).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("overview-messages-today")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("overview-key-pool-alerts")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_consultant_who_is_not_an_administrator_has_no_link_no_page_and_no_alert()
    {
        using var admin = await Host.RegisterAdministratorAsync();
        using var consultant = await Host.RegisterConsultantAsync("Consulente");
        var added = await admin.Http.PostAsync("/api/admin/ai-keys",
            System.Net.Http.Json.JsonContent.Create(new { label = "resting", apiKey = "pool-key-REST", requestsPerDay = 1 }));
        added.EnsureSuccessStatusCode();
        await Db.ExecuteAsync(Host.ConnectionString, "UPDATE ai_api_keys SET cooldown_until = now() + interval '1 hour' WHERE label = 'resting'");

        // A resting key: administrators would see an alert.
        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("overview-messages-today")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ai-key-pool-link")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("overview-key-pool-alerts")).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/admin/ai-keys");
        Assert.That(response!.Status, Is.EqualTo(403));
    }
}
