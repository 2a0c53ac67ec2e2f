using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Settings;

namespace Consultant.Tests;

/// <summary>
/// The default persona and acquisition script follow the account's language until the consultant writes their own;
/// the AI is still told to answer in the contact's language.
/// </summary>
public sealed class AssistantDefaultsLanguageTests : PipelineFixture
{
    [Test]
    public async Task An_italian_account_sees_and_its_ai_uses_the_italian_defaults_and_an_english_one_the_english()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-defaults-language");
        var http = tenant.Consultant.Http;

        await SetLanguageAsync(http, "it");
        var italian = await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/assistant");
        Assert.That(italian.GetProperty("persona").GetString(), Is.EqualTo(AssistantDefaults.ItalianPersona));
        Assert.That(italian.GetProperty("acquisitionScript").GetString(), Is.EqualTo(AssistantDefaults.ItalianAcquisitionScript));

        var lead = NewContactPhone(); // a Brazilian number: the contact's language is English
        await SendAsync(tenant, lead, "what do you offer?");
        await WaitForRepliesAsync(lead, 1);
        var prompt = Ai.Requests.Last(r => r.AllText.Contains("what do you offer")).SystemPrompt;
        Assert.That(prompt, Does.StartWith(AssistantDefaults.ItalianAcquisitionScript));
        Assert.That(prompt, Does.Contain("The contact's language is English"), "the contact's language still decides the answer's");
        await WaitUntilSettledAsync(tenant, lead);

        // Saved as it was shown: still the default, so it follows the account's language.
        var saved = await http.PutAsJsonAsync("/api/whatsapp/assistant",
            new { persona = AssistantDefaults.ItalianPersona.Replace("\n", "\r\n"), acquisitionScript = AssistantDefaults.ItalianAcquisitionScript });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        await SetLanguageAsync(http, "en");
        var english = await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/assistant");
        Assert.That(english.GetProperty("persona").GetString(), Is.EqualTo(AssistantDefaults.Persona));
        Assert.That(english.GetProperty("acquisitionScript").GetString(), Is.EqualTo(AssistantDefaults.AcquisitionScript));

        await SendAsync(tenant, lead, "and the prices?");
        await WaitForRepliesAsync(lead, 2);
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("and the prices")).SystemPrompt, Does.StartWith(AssistantDefaults.AcquisitionScript));
    }

    [Test]
    public async Task The_consultants_own_text_stays_whatever_the_account_language()
    {
        using var tenant = await NewTenantAsync();
        var http = tenant.Consultant.Http;
        await SetLanguageAsync(http, "it");
        var saved = await http.PutAsJsonAsync("/api/whatsapp/assistant", new { persona = "Sei Coach Lia.", acquisitionScript = "" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());

        await SetLanguageAsync(http, "en");
        var assistant = await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/assistant");
        Assert.That(assistant.GetProperty("persona").GetString(), Is.EqualTo("Sei Coach Lia."));
        Assert.That(assistant.GetProperty("acquisitionScript").GetString(), Is.EqualTo(AssistantDefaults.AcquisitionScript));
    }

    private static async Task SetLanguageAsync(HttpClient http, string uiCulture)
    {
        var response = await http.PutAsJsonAsync("/api/account/settings", new { uiCulture });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
