using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Demo;
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
    };

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

    private static async Task SimulateAsync(ApiConsultant consultant, string phone, string text) =>
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text })).EnsureSuccessStatusCode();

    private Task<ConversationSnapshot> SummaryAsync(ApiConsultant consultant, string phone) =>
        ConversationSnapshot.ReadAsync(ConnectionString, consultant.Id, phone, simulated: true);
}
