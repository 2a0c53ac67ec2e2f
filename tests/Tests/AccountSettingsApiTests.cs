using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Consultant.Tests;

public sealed class AccountSettingsApiTests : HostFixture
{
    private static async Task<JsonElement> GetSettingsAsync(HttpClient http, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/account/settings");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task A_new_account_gets_the_configured_time_zone_italy_for_phones_and_the_browsers_language()
    {
        using var consultant = await Host.RegisterConsultantAsync();

        var italianBrowser = await GetSettingsAsync(consultant.Http, "it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7");
        Assert.Multiple(() =>
        {
            Assert.That(italianBrowser.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));
            Assert.That(italianBrowser.GetProperty("defaultCountry").GetString(), Is.EqualTo("IT"));
            Assert.That(italianBrowser.GetProperty("uiCulture").GetString(), Is.EqualTo("it"));
        });
        Assert.That((await GetSettingsAsync(consultant.Http, "de-DE,en;q=0.5,it;q=0.4")).GetProperty("uiCulture").GetString(), Is.EqualTo("en"));
        Assert.That((await GetSettingsAsync(consultant.Http)).GetProperty("uiCulture").GetString(), Is.EqualTo("en"));
    }

    [Test]
    public async Task Saved_settings_come_back_null_keeps_a_field_and_empty_returns_it_to_its_default()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PutAsJsonAsync("/api/account/settings",
            new { timeZone = "america/new_york", uiCulture = "IT", defaultCountry = "es" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());

        var read = await GetSettingsAsync(consultant.Http, "en");
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("timeZone").GetString(), Is.EqualTo("America/New_York"), "spelled as the tz database does");
            Assert.That(read.GetProperty("uiCulture").GetString(), Is.EqualTo("it"), "chosen, so the browser no longer decides");
            Assert.That(read.GetProperty("defaultCountry").GetString(), Is.EqualTo("ES"));
        });

        var partly = await consultant.Http.PutAsJsonAsync("/api/account/settings", new { defaultCountry = "", uiCulture = (string?)null });
        Assert.That(partly.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        read = await GetSettingsAsync(consultant.Http, "en");
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("timeZone").GetString(), Is.EqualTo("America/New_York"));
            Assert.That(read.GetProperty("uiCulture").GetString(), Is.EqualTo("it"));
            Assert.That(read.GetProperty("defaultCountry").GetString(), Is.EqualTo("IT"));
        });
    }

    [Test]
    public async Task An_unknown_zone_language_or_country_is_400_naming_each_field_and_nothing_is_saved()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var response = await consultant.Http.PutAsJsonAsync("/api/account/settings",
            new { timeZone = "Europe/Atlantis", uiCulture = "fr", defaultCountry = "XX" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That(errors.GetProperty("timeZone")[0].GetString(), Does.Contain("IANA"));
            Assert.That(errors.GetProperty("uiCulture")[0].GetString(), Does.Contain("'it'"));
            Assert.That(errors.GetProperty("defaultCountry")[0].GetString(), Does.Contain("two letters"));
        });

        // One bad field keeps the good ones from being saved too.
        var mixed = await consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Asia/Tokyo", defaultCountry = "Italy" });
        Assert.That(mixed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await GetSettingsAsync(consultant.Http)).GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));

        var notText = await consultant.Http.PutAsync("/api/account/settings",
            new StringContent("""{"timeZone": 5}""", Encoding.UTF8, "application/json"));
        Assert.That(notText.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await notText.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("timeZone", out _));
    }

    [Test]
    public async Task Each_consultant_has_their_own_settings_and_needs_to_be_signed_in()
    {
        using var first = await Host.RegisterConsultantAsync();
        using var second = await Host.RegisterConsultantAsync();
        var saved = await first.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Asia/Tokyo", uiCulture = "en", defaultCountry = "JP" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var others = await GetSettingsAsync(second.Http, "it");
        Assert.Multiple(() =>
        {
            Assert.That(others.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Rome"));
            Assert.That(others.GetProperty("uiCulture").GetString(), Is.EqualTo("it"));
            Assert.That(others.GetProperty("defaultCountry").GetString(), Is.EqualTo("IT"));
        });

        using var anonymous = Host.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/account/settings")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_client_phone_without_plus_is_read_in_the_accounts_default_country_by_the_form_api_and_the_csv_import()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var italian = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Giulia", phone = "347 123 4567" });
        Assert.That(italian.StatusCode, Is.EqualTo(HttpStatusCode.Created), await italian.Content.ReadAsStringAsync());
        Assert.That((await italian.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString(), Is.EqualTo("+393471234567"));

        await consultant.Http.PutAsJsonAsync("/api/account/settings", new { defaultCountry = "ES" });
        var csv = new StringContent("name,phone\nMaria,612 345 678\nJohn,+1 415 555 0101\n", Encoding.UTF8, "text/csv");
        var report = await (await consultant.Http.PostAsync("/api/clients/import", csv)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(2), report.ToString());
        var phones = (await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?pageSize=10")).GetProperty("items")
            .EnumerateArray().Select(client => client.GetProperty("phone").GetString()).ToList();
        Assert.That(phones, Is.SupersetOf(new[] { "+34612345678", "+14155550101" }));

        var wrong = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Nope", phone = "12345" });
        var message = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phone")[0].GetString();
        Assert.That(message, Does.Contain("(ES"), "the hint names the country assumed");
    }
}
