using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Accounts;
using Consultant.Grains.Analytics;
using Consultant.Grains.Demo;
using Consultant.Grains.Settings;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// <c>GEMINI_API_KEY=... ./run.sh</c> (<c>Demo:Seed</c> with <c>Demo:AiApiKey</c>): one key makes the whole demo answer,
/// its clients with the demo consultant's own key and its leads too.
/// </summary>
public sealed class DemoSeedTests : PipelineFixture
{
    private const string DemoKey = "demo-gemini-key-9876";

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Demo:Seed"] = "true",
        ["Demo:AiApiKey"] = DemoKey,
        ["Demo:Language"] = "it",
    };

    [Test]
    public async Task An_italian_demo_gets_the_italian_default_persona_and_script_and_a_language_the_consultant_chose_is_kept()
    {
        using var demo = await Host.SignInAsync(DemoSeeder.Email, DemoSeeder.Password);
        var assistant = await demo.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/assistant");
        Assert.That(assistant.GetProperty("persona").GetString(), Is.EqualTo(AssistantDefaults.ItalianPersona));
        Assert.That(assistant.GetProperty("acquisitionScript").GetString(), Is.EqualTo(AssistantDefaults.ItalianAcquisitionScript));

        (await demo.Http.PutAsJsonAsync("/api/account/settings", new { uiCulture = "en" })).EnsureSuccessStatusCode();
        try
        {
            await Host.Services.GetRequiredService<DemoSeeder>().SeedLanguageAsync("it");
            var settings = await demo.Http.GetFromJsonAsync<JsonElement>("/api/account/settings");
            Assert.That(settings.GetProperty("uiCulture").GetString(), Is.EqualTo("en"), "the consultant's choice is kept");
            Assert.That((await demo.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/assistant")).GetProperty("persona").GetString(),
                Is.EqualTo(AssistantDefaults.Persona));
        }
        finally
        {
            (await demo.Http.PutAsJsonAsync("/api/account/settings", new { uiCulture = "it" })).EnsureSuccessStatusCode();
        }
    }

    [Test]
    public async Task With_a_demo_ai_key_the_demo_consultant_has_it_as_their_own_key_answering_clients_and_leads()
    {
        using var demo = await Host.SignInAsync(DemoSeeder.Email, DemoSeeder.Password);
        var settings = await demo.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/ai-settings");
        Assert.That(settings.GetProperty("hasAiApiKey").GetBoolean(), Is.True);
        Assert.That(settings.GetProperty("aiApiKeyHint").GetString(), Is.EqualTo("…9876"));
        Assert.That(settings.GetProperty("answerLeadsWithOwnKey").GetBoolean(), Is.True);

        const string ana = "+34611223344"; // a seeded client
        var lead = NewContactPhone();
        await SimulateAsync(demo, ana, "demo client probe");
        await SimulateAsync(demo, lead, "demo lead probe");
        foreach (var phone in new[] { ana, lead })
        {
            var summary = await Poll.UntilAsync(() => SummaryAsync(demo, phone), s => s.Settled, TimeSpan.FromSeconds(30), "the demo's reply");
            Assert.That(summary.NeedsReply, Is.False, summary.NeedsReplyReason);
        }

        Assert.That(Ai.Requests.Where(r => r.AllText.Contains("demo client probe") || r.AllText.Contains("demo lead probe")).Select(r => r.ApiKey).ToList(),
            Has.Count.EqualTo(2).And.All.EqualTo(DemoKey));
        Assert.That(await CountAsync("SELECT count(*) FROM ai_key_rotation_log WHERE consultant_id = @id AND key_source = 'pool'", ("id", demo.Id)), Is.Zero,
            "the lead was answered with the consultant's own key");
    }

    [Test]
    public async Task The_seed_leaves_a_key_the_demo_consultant_saved_alone()
    {
        using var demo = await Host.SignInAsync(DemoSeeder.Email, DemoSeeder.Password);
        (await demo.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { aiApiKey = "their-own-key-1111", answerLeadsWithOwnKey = false })).EnsureSuccessStatusCode();

        await Host.Services.GetRequiredService<DemoSeeder>().SeedConsultantAiKeyAsync(DemoKey);

        var settings = await demo.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/ai-settings");
        Assert.That((settings.GetProperty("aiApiKeyHint").GetString(), settings.GetProperty("answerLeadsWithOwnKey").GetBoolean()), Is.EqualTo(("…1111", false)));
        (await demo.Http.PutAsJsonAsync("/api/whatsapp/ai-settings", new { aiApiKey = DemoKey, answerLeadsWithOwnKey = true })).EnsureSuccessStatusCode();
    }

    [Test]
    public async Task The_demo_consultant_has_30_days_of_history_that_the_analytics_charts_show_and_seeding_again_adds_nothing_not_even_an_empty_chat()
    {
        using var demo = await Host.SignInAsync(DemoSeeder.Email, DemoSeeder.Password);
        var today = (await Host.Services.GetRequiredService<AccountSettingsService>().GetCalendarAsync(demo.Id)).LocalToday;
        var period = AnalyticsPeriod.Last(DemoHistory.Days, today);

        var days = (await Host.Services.GetRequiredService<DailyStatsService>().GetAsync(demo.Id, period)).Days;
        Assert.That(days.Count(day => day.Inbound > 0), Is.GreaterThanOrEqualTo(20), "messages on most days, so the chart has a line");
        Assert.That(days.Sum(day => day.AiReplies), Is.GreaterThan(10));
        Assert.That(days.Sum(day => day.ConsultantReplies), Is.GreaterThan(3));
        Assert.That(days.Sum(day => day.Automated), Is.GreaterThan(0));
        Assert.That(days.Where(day => day.AiResponseSeconds.Avg is not null).Max(day => day.AiResponseSeconds.Avg), Is.LessThan(60), "the AI in seconds");
        Assert.That(days.Where(day => day.ConsultantResponseSeconds.Avg is not null).Min(day => day.ConsultantResponseSeconds.Avg), Is.GreaterThan(60), "the consultant in minutes");
        Assert.That(new[] { days.Sum(day => day.Images), days.Sum(day => day.Documents), days.Sum(day => day.Audio) }, Is.All.GreaterThan(0), "photos, PDFs and voice notes");
        Assert.That(days.Sum(day => day.AiCalls), Is.GreaterThan(days.Sum(day => day.AiReplies)), "a call per reply and per file");
        Assert.That(days.Sum(day => day.AiTokensIn), Is.GreaterThan(10_000));
        Assert.That(days.Sum(day => day.NewLeads), Is.EqualTo(9));
        Assert.That(days.Sum(day => day.ConvertedLeads), Is.EqualTo(1));

        var funnel = await Host.Services.GetRequiredService<LeadFunnelReport>().GetAsync(demo.Id, period);
        Assert.That(funnel.Stages.Select(stage => stage.Count), Is.EqualTo(new[] { 9, 7, 3, 2, 1 }), "leads at every stage");
        Assert.That(funnel.MedianSecondsToConversion, Is.Not.Null);

        // The Conversations list shows them as the grains keep them: the converted lead is a client now.
        Assert.That(await CountAsync("SELECT count(*) FROM conversations WHERE consultant_id = @id AND message_count > 0 AND last_preview IS NOT NULL", ("id", demo.Id)),
            Is.EqualTo(12));
        Assert.That(await CountAsync(
            "SELECT count(*) FROM conversations WHERE consultant_id = @id AND NOT is_lead AND lead_converted_at IS NOT NULL AND client_id IS NOT NULL", ("id", demo.Id)),
            Is.EqualTo(1));

        var before = await HistoryRowsAsync(demo.Id);
        await Host.Services.GetRequiredService<DemoHistorySeeder>().SeedAsync();
        Assert.That(await HistoryRowsAsync(demo.Id), Is.EqualTo(before), "seeding twice adds nothing");

        // A contact the plan gained after the history was written (a demo number changed) has no messages: the history is
        // written once, all of it, so that contact is not listed as an empty chat.
        var gained = DemoHistory.Plan(NodaTime.LocalDate.FromDateOnly(today), NodaTime.DateTimeZone.Utc).First(conversation => conversation.ConvertedAt is null).Phone;
        await CountAsync(
            "WITH gone AS (DELETE FROM messages WHERE consultant_id = @id AND contact_phone = @phone RETURNING 1) SELECT count(*) FROM gone",
            ("id", demo.Id), ("phone", gained));
        await CountAsync(
            "WITH gone AS (DELETE FROM conversations WHERE consultant_id = @id AND contact_phone = @phone RETURNING 1) SELECT count(*) FROM gone",
            ("id", demo.Id), ("phone", gained));
        await Host.Services.GetRequiredService<DemoHistorySeeder>().SeedAsync();
        Assert.That(await CountAsync("SELECT count(*) FROM conversations WHERE consultant_id = @id AND contact_phone = @phone", ("id", demo.Id), ("phone", gained)),
            Is.Zero, "no list row without its messages");
    }

    private async Task<long[]> HistoryRowsAsync(Guid consultantId) =>
    [
        await CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @id", ("id", consultantId)),
        await CountAsync("SELECT count(*) FROM whatsapp_media_files WHERE consultant_id = @id", ("id", consultantId)),
        await CountAsync("SELECT count(*) FROM ai_key_rotation_log WHERE consultant_id = @id", ("id", consultantId)),
        await CountAsync("SELECT count(*) FROM lead_stage_events WHERE consultant_id = @id", ("id", consultantId)),
        await CountAsync("SELECT count(*) FROM conversations WHERE consultant_id = @id", ("id", consultantId)),
        await CountAsync("SELECT count(*) FROM clients WHERE consultant_id = @id", ("id", consultantId)),
    ];

    private static async Task SimulateAsync(ApiConsultant consultant, string phone, string text) =>
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text })).EnsureSuccessStatusCode();

    private Task<ConversationSnapshot> SummaryAsync(ApiConsultant consultant, string phone) =>
        ConversationSnapshot.ReadAsync(ConnectionString, consultant.Id, phone, simulated: true);
}
