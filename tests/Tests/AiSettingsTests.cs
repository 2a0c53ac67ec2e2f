using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// The consultant's own AI key, saved without Twilio, and "Answer leads with my own AI key": which key answers is
/// checked where it shows, in the Authorization header the fake AI receives.
/// </summary>
public sealed class AiSettingsTests : PipelineFixture
{
    private const string AiSettings = "/api/whatsapp/ai-settings";
    private const string PoolKey = "pool-key-ai-settings";

    [OneTimeSetUp]
    public Task AddThePoolKeyAsync() => AddPoolKeyAsync(PoolKey);

    [Test]
    public async Task An_ai_key_and_the_persona_are_saved_without_twilio_and_the_key_answers_the_simulators_clients()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "own-key-no-twilio-4321" });
        var body = await saved.Content.ReadAsStringAsync();
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Not.Contain("own-key-no-twilio"), "the key never comes back");
        var view = JsonDocument.Parse(body).RootElement;
        Assert.That(view.GetProperty("hasAiApiKey").GetBoolean(), Is.True);
        Assert.That(view.GetProperty("aiApiKeyHint").GetString(), Is.EqualTo("…4321"));
        Assert.That(view.GetProperty("answerLeadsWithOwnKey").GetBoolean(), Is.False, "off by default");

        var persona = await consultant.Http.PutAsJsonAsync("/api/whatsapp/assistant", new { persona = "You are Coach Lia, brief and kind.", acquisitionScript = "" });
        Assert.That(persona.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var config = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/config");
        Assert.That(config.GetProperty("status").GetString(), Is.EqualTo("notConfigured"), "no Twilio settings were needed");
        Assert.That(config.GetProperty("hasAiApiKey").GetBoolean(), Is.True);

        // A client written to from the simulator, no Twilio account: answered with the consultant's key and persona.
        var phone = NewContactPhone();
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Sim Client", phone, language = "en" })).EnsureSuccessStatusCode();
        await SimulateAsync(consultant, phone, "client probe without twilio");
        var summary = await SettledAsync(consultant, phone);
        Assert.That(summary.NeedsReply, Is.False, summary.NeedsReplyReason);
        var request = Ai.Requests.Single(r => r.AllText.Contains("client probe without twilio"));
        Assert.That(request.ApiKey, Is.EqualTo("own-key-no-twilio-4321"));
        Assert.That(request.SystemPrompt, Does.Contain("Coach Lia"));
    }

    [Test]
    public async Task Bad_ai_settings_get_400_naming_the_field_and_change_nothing()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var onWithoutKey = await consultant.Http.PutAsJsonAsync(AiSettings, new { answerLeadsWithOwnKey = true });
        Assert.That(await ErrorFieldsAsync(onWithoutKey), Is.EqualTo(new[] { "answerLeadsWithOwnKey" }));

        var withSpace = await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "two words" });
        Assert.That(await ErrorFieldsAsync(withSpace), Is.EqualTo(new[] { "aiApiKey" }));
        var tooLong = await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = new string('k', 513) });
        Assert.That(await ErrorFieldsAsync(tooLong), Is.EqualTo(new[] { "aiApiKey" }));

        var view = await consultant.Http.GetFromJsonAsync<JsonElement>(AiSettings);
        Assert.That((view.GetProperty("hasAiApiKey").GetBoolean(), view.GetProperty("answerLeadsWithOwnKey").GetBoolean()), Is.EqualTo((false, false)));

        // Removing the key switches leads back to the pool.
        (await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "key-to-remove", answerLeadsWithOwnKey = true })).EnsureSuccessStatusCode();
        var removed = await (await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((removed.GetProperty("hasAiApiKey").GetBoolean(), removed.GetProperty("answerLeadsWithOwnKey").GetBoolean()), Is.EqualTo((false, false)));
    }

    [Test]
    public async Task With_answer_leads_with_my_own_key_on_a_lead_is_answered_with_that_key_and_the_pool_is_not_touched()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "own-lead-key", answerLeadsWithOwnKey = true });
        Assert.That((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerLeadsWithOwnKey").GetBoolean(), Is.True);

        var lead = NewContactPhone();
        await SimulateAsync(consultant, lead, "lead probe with own key");
        var summary = await SettledAsync(consultant, lead);

        Assert.That(summary.NeedsReply, Is.False, summary.NeedsReplyReason);
        Assert.That(Ai.Requests.Where(r => r.AllText.Contains("lead probe with own key")).Select(r => r.ApiKey), Is.EqualTo(new[] { "own-lead-key" }));
        Assert.That(await CountAsync("SELECT count(*) FROM ai_key_rotation_log WHERE consultant_id = @id AND key_source = 'pool'", ("id", consultant.Id)), Is.Zero);
        Assert.That(await CountAsync("SELECT count(*) FROM ai_pool_usage WHERE consultant_id = @id", ("id", consultant.Id)), Is.Zero, "no pool quota spent");
    }

    [Test]
    public async Task By_default_a_lead_is_answered_by_the_pool_even_when_an_own_key_is_saved()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        (await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "own-key-not-for-leads" })).EnsureSuccessStatusCode();

        var lead = NewContactPhone();
        await SimulateAsync(consultant, lead, "lead probe by default");
        await SettledAsync(consultant, lead);

        Assert.That(Ai.Requests.Where(r => r.AllText.Contains("lead probe by default")).Select(r => r.ApiKey), Is.EqualTo(new[] { PoolKey }));
    }

    [Test]
    public async Task A_conversation_flagged_for_want_of_a_key_is_answered_and_unflagged_once_the_key_is_saved()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var phone = NewContactPhone();
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Waiting Wanda", phone, language = "en" })).EnsureSuccessStatusCode();
        await SimulateAsync(consultant, phone, "anyone there without a key?");
        var flagged = await SettledAsync(consultant, phone, s => s.NeedsReply);
        Assert.That(flagged.NeedsReplyReason, Does.StartWith("No AI key for your clients").And.EndWith("or reply by hand."));

        (await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "key-saved-later" })).EnsureSuccessStatusCode();

        var answered = await Poll.UntilAsync(() => SimulatedSummaryAsync(consultant, phone), s => !s.NeedsReply, TimeSpan.FromSeconds(30), "the waiting message to be answered");
        Assert.That(answered.NeedsReplyReason, Is.Null);
        Assert.That(Ai.Requests.Single(r => r.AllText.Contains("anyone there without a key?")).ApiKey, Is.EqualTo("key-saved-later"));
        Assert.That(await CountAsync("SELECT count(*) FROM conversations WHERE consultant_id = @id AND (needs_reply OR awaits_ai_key)", ("id", consultant.Id)), Is.Zero);
    }

    [Test]
    public async Task A_batch_answered_again_after_the_key_is_saved_owes_its_reply_until_the_retried_answer_is_sent()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var phone = NewContactPhone();
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Retry Rita", phone, language = "en" })).EnsureSuccessStatusCode();
        await SimulateAsync(consultant, phone, "still waiting for a key?");
        await SettledAsync(consultant, phone, s => s.NeedsReply);

        var held = Ai.HoldNextReply();
        (await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "key-for-the-retry" })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Task.FromResult(Ai.Requests.Count(r => r.AllText.Contains("still waiting for a key?"))), n => n == 1,
            TimeSpan.FromSeconds(30), "the retried batch to reach the AI");

        // The AI is preparing the retried answer: the message is owed a reply again, the conversation is not settled.
        var beingAnswered = await SimulatedSummaryAsync(consultant, phone);
        Assert.That((beingAnswered.PendingCount, beingAnswered.Settled), Is.EqualTo((1, false)));

        held.SetResult("Sorry for the wait, here I am.");
        var answered = await SettledAsync(consultant, phone, s => !s.NeedsReply);
        Assert.That(answered.PendingCount, Is.Zero);
        Assert.That(Ai.Requests.Single(r => r.AllText.Contains("still waiting for a key?")).ApiKey, Is.EqualTo("key-for-the-retry"));
    }

    [Test]
    public async Task A_key_the_ai_service_rejects_is_not_tried_again_and_the_reason_says_to_save_a_valid_one()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        (await consultant.Http.PutAsJsonAsync(AiSettings, new { aiApiKey = "revoked-key", answerLeadsWithOwnKey = true })).EnsureSuccessStatusCode();
        Ai.FailWhen(r => r.ApiKey == "revoked-key", status: 401);

        var lead = NewContactPhone();
        await SimulateAsync(consultant, lead, "probe with a revoked key");
        var flagged = await SettledAsync(consultant, lead, s => s.NeedsReply);

        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("probe with a revoked key")), Is.EqualTo(1), "a refused key is not retried");
        Assert.That(flagged.NeedsReplyReason, Does.Contain("rejected your AI key (HTTP 401)").And.EndWith("or reply by hand."));
    }

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        return errors.EnumerateObject().Select(p => p.Name).ToArray();
    }

    private static async Task SimulateAsync(ApiConsultant consultant, string phone, string text) =>
        (await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone, text })).EnsureSuccessStatusCode();

    private Task<ConversationSnapshot> SettledAsync(ApiConsultant consultant, string phone, Func<ConversationSnapshot, bool>? also = null) =>
        Poll.UntilAsync(() => SimulatedSummaryAsync(consultant, phone), s => s.Settled && s.MessageCount > 0 && (also?.Invoke(s) ?? true),
            TimeSpan.FromSeconds(30), "the simulated conversation to settle");

    private Task<ConversationSnapshot> SimulatedSummaryAsync(ApiConsultant consultant, string phone) =>
        ConversationSnapshot.ReadAsync(ConnectionString, consultant.Id, phone, simulated: true);
}
