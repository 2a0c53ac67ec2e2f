using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>
/// The Overview: what needs the consultant, live, each number a way into the conversations it counts; AI answers off
/// while the shared key pool is empty said to a consultant in their words, and to an administrator as the pool's alert.
/// </summary>
public sealed class OverviewPageTests : BrowserFixture
{
    [Test]
    public async Task The_overview_counts_a_new_lead_live_and_its_number_opens_the_list_of_todays_new_leads()
    {
        using var consultant = await Host.RegisterConsultantAsync("Overview Consultant");
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Old Client", phone = "+14155550142" })).EnsureSuccessStatusCode();
        await SimulateAsync(consultant.Http, "+14155550142", "A client writes");

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("overview-messages-today-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-new-leads-today-value")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("overview-unread-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-time-zone")).ToContainTextAsync("Europe/Rome");

        // A new lead writes while the page is open: the numbers move without a reload.
        await SimulateAsync(consultant.Http, "+12025550166", "Hello, I saw your ad");
        await Assertions.Expect(page.GetByTestId("overview-new-leads-today-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-new-leads-week-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("overview-unread-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("overview-messages-today-value")).ToHaveTextAsync("2");
        await ScreenshotAsync(page, "overview");

        await page.GetByTestId("overview-new-leads-today").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/conversations?filter=newLeads&period=today", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("overview-filter")).ToContainTextAsync("New leads today");
        var items = page.GetByTestId("conversation-item");
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(items.First).ToHaveAttributeAsync("data-phone", "sim:+12025550166");

        await page.GotoAsync("/conversations?filter=unread");
        await Assertions.Expect(items).ToHaveCountAsync(2);
    }

    [Test]
    public async Task The_whatsapp_badge_on_the_overview_gives_the_reason_when_twilio_refused_the_settings()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = "AC" + Guid.NewGuid().ToString("N"), authToken = Guid.NewGuid().ToString("N"), // unknown to Twilio
            whatsappNumber = "+14155238886", isActive = true, autoResponseEnabled = true, mode = "webhook",
        });
        saved.EnsureSuccessStatusCode();
        (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).EnsureSuccessStatusCode();
        var config = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/config");
        Assert.That(config.GetProperty("status").GetString(), Is.EqualTo("error"));
        var reason = config.GetProperty("lastConnectionTest").GetProperty("message").GetString()!;

        var page = await NewPageAsync();
        await SignInAsync(page, consultant.Email, consultant.Password);
        await Assertions.Expect(page.GetByTestId("config-status")).ToHaveTextAsync("Error");
        await Assertions.Expect(page.GetByTestId("whatsapp-error")).ToContainTextAsync(reason);
    }

    [TestCase(null, "AI answers are off", "no contact gets an AI reply until an operator adds a Gemini key", "AI answers to your leads are off",
        "switch on \"Answer leads with my own AI key\"")]
    [TestCase("it-IT", "Le risposte dell'AI sono spente", "nessun contatto riceve risposte dall'AI finché un operatore non aggiunge una chiave Gemini",
        "Le risposte dell'AI ai tuoi lead sono spente", "attiva «Rispondi ai nuovi contatti con la mia chiave AI»")]
    public async Task A_consultant_is_told_ai_answers_are_off_while_the_shared_key_pool_is_empty_and_what_to_do_meanwhile(
        string? locale, string allOff, string why, string leadsOff, string meanwhile)
    {
        await EmptyThePoolAsync(); // the deployment's pool: empty, as on a new installation
        using var consultant = await Host.RegisterConsultantAsync("New Consultant " + (locale ?? "en"));
        var page = await NewPageAsync(locale);
        await SignInAsync(page, consultant.Email, consultant.Password);

        // No key of their own either: nobody gets an AI reply, and the Overview says so, with what to do.
        var notice = page.GetByTestId("overview-ai-off");
        await Assertions.Expect(notice.GetByTestId("overview-ai-off-title")).ToHaveTextAsync(allOff);
        await Assertions.Expect(notice).ToContainTextAsync(why);
        await Assertions.Expect(notice.GetByTestId("overview-ai-off-settings")).ToHaveAttributeAsync("href", "/settings/whatsapp");
        await Assertions.Expect(page.GetByTestId("overview-key-pool-alerts")).ToHaveCountAsync(0); // the administrators' alerts are theirs
        await ScreenshotAsync(page, "overview-ai-off-" + (locale ?? "en"));

        // Their own key answers their clients: only the leads are off, and the switch is the way.
        (await consultant.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { aiApiKey = "own-key-overview-1234" })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(notice.GetByTestId("overview-ai-off-title")).ToHaveTextAsync(leadsOff);
        await Assertions.Expect(notice).ToContainTextAsync(meanwhile);

        // Leads answered with their own key: the pool does not matter, nothing to say.
        (await consultant.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { answerLeadsWithOwnKey = true })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("overview-unread")).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);

        // Back on the pool, once an operator added a key: nothing to say either.
        (await consultant.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { answerLeadsWithOwnKey = false })).EnsureSuccessStatusCode();
        await Pool.AddAsync("overview", "pool-key-overview");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("overview-unread")).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await EmptyThePoolAsync();
    }

    [Test]
    public async Task An_administrator_gets_the_pools_own_alert_for_an_empty_pool_not_the_consultants_notice()
    {
        await EmptyThePoolAsync();
        using var admin = await Host.RegisterAdministratorAsync("Overview Operator");
        var page = await NewPageAsync();
        await SignInAsync(page, admin.Email, admin.Password);
        await Assertions.Expect(page.GetByTestId("overview-key-pool-alerts").GetByTestId("key-pool-alert")).ToHaveAttributeAsync("data-kind", "EmptyPool");
        await Assertions.Expect(page.GetByTestId("overview-ai-off")).ToHaveCountAsync(0);
    }

    private Consultant.Grains.Ai.AiKeyPool Pool => Host.Services.GetRequiredService<Consultant.Grains.Ai.AiKeyPool>();

    /// <summary>Every pool key removed through the pool, so it forgets them at once (it keeps its keys a few seconds).</summary>
    private async Task EmptyThePoolAsync()
    {
        foreach (var key in await Pool.ListAsync())
        {
            await Pool.RemoveAsync(key.Id);
        }
    }

    private static async Task SimulateAsync(HttpClient http, string phone, string text) =>
        (await http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text })).EnsureSuccessStatusCode();
}
