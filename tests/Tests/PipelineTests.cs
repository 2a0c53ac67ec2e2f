using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// Webhook -> debounced conversation -> AI with client or lead context -> Twilio, with the fakes at the HTTP boundary;
/// with issue 20's acknowledgement levers on and off.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class PipelineTests(bool acknowledgementLevers) : PipelineFixture(acknowledgementLevers)
{
    [Test]
    public async Task A_burst_of_three_gets_one_ai_call_with_all_three_texts_and_one_reply()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Ana Burst", phone, "Run a half marathon");
        var before = Ai.Requests.Count;

        foreach (var text in new[] { "hi", "quick question", "about my plan" })
        {
            Assert.That((await SendAsync(tenant, phone, text)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var replies = await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        var calls = Ai.Requests.Skip(before).Where(r => r.AllText.Contains("about my plan")).ToList();
        Assert.That(calls, Has.Count.EqualTo(1));
        Assert.That(calls[0].AllText, Does.Contain("hi").And.Contain("quick question").And.Contain("about my plan"));
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
        Assert.That(replies[0].From, Is.EqualTo("whatsapp:" + tenant.Number));

        var batched = await CountAsync(
            "SELECT count(DISTINCT batch_id) FROM messages WHERE contact_phone = @p AND direction = 'inbound' AND is_batched", ("p", phone));
        Assert.That(batched, Is.EqualTo(1), "the three messages share one batch");
        var outbound = await CountAsync(
            "SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound' AND sender = 'ai' AND twilio_sid IS NOT NULL", ("p", phone));
        Assert.That(outbound, Is.EqualTo(1));
    }

    [Test]
    public async Task The_client_prompt_holds_the_clients_records_and_uses_the_consultants_key()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "consultant-key-123");
        var phone = NewContactPhone();
        var clientId = await AddClientAsync(tenant, "James Records", phone, "Gain 4 kg of lean mass");
        var http = tenant.Consultant.Http;
        await http.PutAsync($"/api/clients/{clientId}/workout-plan", Json(new { title = "Upper/lower split", details = "Four days a week" }));
        await http.PutAsync($"/api/clients/{clientId}/finance", Json(new { currency = "USD", monthlyIncome = 7800, monthlyExpenses = 5100, savingsGoal = 25000 }));
        await http.PostAsync($"/api/clients/{clientId}/consultations", Json(new { scheduledAt = "2030-01-10T10:00:00Z", topic = "Quarterly review" }));

        await SendAsync(tenant, phone, "Can I move my workout to Saturday?");
        await WaitForRepliesAsync(phone, 1);

        var request = Ai.Requests.Last(r => r.AllText.Contains("move my workout"));
        Assert.That(request.ApiKey, Is.EqualTo("consultant-key-123"));
        Assert.That(request.SystemPrompt, Does.Contain("James Records")
            .And.Contain("Gain 4 kg of lean mass")
            .And.Contain("Upper/lower split")
            .And.Contain("7800")
            .And.Contain("Quarterly review")
            .And.Contain("their workouts"));
    }

    [Test]
    public async Task A_lead_gets_the_acquisition_script_from_the_pool_and_no_clients_data()
    {
        using var tenant = await NewTenantAsync();
        await AddClientAsync(tenant, "Secret Client", NewContactPhone(), "Confidential goal XYZ");
        await AddPoolKeyAsync("pool-key-lead");
        var lead = NewContactPhone();

        await SendAsync(tenant, lead, "Hello, how much is coaching?");
        await WaitForRepliesAsync(lead, 1);

        var request = Ai.Requests.Last(r => r.AllText.Contains("how much is coaching"));
        Assert.That(request.ApiKey, Does.StartWith("pool-key"));
        Assert.That(request.SystemPrompt, Does.Contain("free 20-minute intro call"));
        Assert.That(request.AllText, Does.Not.Contain("Secret Client").And.Not.Contain("Confidential goal XYZ"));
        var summary = await SummaryAsync(tenant, lead);
        Assert.That(summary.IsLead, Is.True);
    }

    [Test]
    public async Task The_consultants_own_acquisition_script_is_what_leads_get_and_empty_restores_the_default()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-script");
        var http = tenant.Consultant.Http;
        var defaults = await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/assistant");
        Assert.That(defaults.GetProperty("acquisitionScript").GetString(), Does.Contain("intro call"));

        var tooLong = await http.PutAsJsonAsync("/api/whatsapp/assistant", new { persona = new string('x', 8001), acquisitionScript = "ok" });
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var saved = await http.PutAsJsonAsync("/api/whatsapp/assistant", new { persona = "", acquisitionScript = "Offer the Kettlebell Starter Pack first." });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("persona").GetString(), Does.Contain("WhatsApp assistant"), "empty persona is the default");

        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "what do you offer?");
        await WaitForRepliesAsync(lead, 1);
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("what do you offer")).SystemPrompt, Does.StartWith("Offer the Kettlebell Starter Pack first."));
    }

    [Test]
    public async Task Many_leads_writing_at_once_are_all_answered_from_the_pool()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-crowd");
        var leads = Enumerable.Range(0, 12).Select(_ => NewContactPhone()).ToList();

        var acks = await Task.WhenAll(leads.Select(lead => SendAsync(tenant, lead, "crowd hello")));
        Assert.That(acks.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        foreach (var lead in leads)
        {
            await WaitForRepliesAsync(lead, 1);
            var summary = await WaitUntilSettledAsync(tenant, lead);
            Assert.That(summary.NeedsReply, Is.False, summary.NeedsReplyReason);
        }

        Assert.That(leads.Select(lead => SentTo(lead).Count), Is.All.EqualTo(1));
    }

    [Test]
    public async Task A_lead_later_added_as_a_client_becomes_a_client_conversation()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "own-key-convert");
        await AddPoolKeyAsync("pool-key-convert");
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "hi, I saw your ad");
        await WaitForRepliesAsync(phone, 1);

        await AddClientAsync(tenant, "Converted Carla", phone, "Lose 5 kg");
        await SendAsync(tenant, phone, "I signed up! What's next?");
        await WaitForRepliesAsync(phone, 2);
        await WaitUntilSettledAsync(tenant, phone);

        var request = Ai.Requests.Last(r => r.AllText.Contains("signed up"));
        Assert.That(request.ApiKey, Is.EqualTo("own-key-convert"));
        Assert.That(request.SystemPrompt, Does.Contain("Converted Carla"));
        var summary = await SummaryAsync(tenant, phone);
        Assert.That(summary.IsLead, Is.False);
        Assert.That(summary.LeadConvertedAt, Is.Not.Null);
        // The list view is written just after the state: wait for it rather than race it.
        await Poll.UntilAsync(
            () => CountAsync("SELECT count(*) FROM conversations WHERE contact_phone = @p AND NOT is_lead AND lead_converted_at IS NOT NULL", ("p", phone)),
            n => n == 1, TimeSpan.FromSeconds(60), "the list view to show the converted client");
    }

    [Test]
    public async Task The_same_message_sid_twice_is_stored_and_answered_once()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Dup Dan", phone, "Sleep better");
        var sid = FakeTwilio.NewSid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendAsync(tenant, phone, "only once please", sid)));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.EqualTo(1));
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
        Assert.That((await SummaryAsync(tenant, phone)).MessageCount, Is.EqualTo(2), "one inbound, one reply");
    }

    [Test]
    public async Task A_bad_or_missing_signature_is_403_and_nothing_is_stored()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, phone, tenant.Number, "forged");

        var wrongKey = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, "not-the-auth-token", form);
        var missing = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, null, form);
        var wrongUrl = await TwilioWebhook.PostAsync(Host.CreateClient(), "https://attacker.example/api/whatsapp/webhook", tenant.AuthToken, form);
        var tampered = new Dictionary<string, string>(form) { ["Body"] = "tampered" };
        var signedOriginal = new HttpRequestMessage(HttpMethod.Post, "/api/whatsapp/webhook") { Content = new FormUrlEncodedContent(tampered) };
        signedOriginal.Headers.Add("X-Twilio-Signature", TwilioWebhook.Sign(tenant.AuthToken, SiloHost.WebhookUrl, form));
        var tamperedResponse = await Host.CreateClient().SendAsync(signedOriginal);

        Assert.That(new[] { wrongKey, missing, wrongUrl, tamperedResponse }.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p", ("p", phone)), Is.Zero);
    }

    [Test]
    public async Task An_unknown_to_number_is_404_and_nothing_is_stored()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, phone, "+19995550000", "who is this");
        var response = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var otherAccount = TwilioWebhook.InboundForm("AC" + Guid.NewGuid().ToString("N"), phone, tenant.Number, "wrong account");
        var mismatch = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, otherAccount);
        Assert.That(mismatch.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p", ("p", phone)), Is.Zero);
    }

    [Test]
    public async Task When_storage_is_down_the_webhook_answers_503_and_the_retry_is_stored()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var sid = FakeTwilio.NewSid();
        await Db.ExecuteAsync(ConnectionString, "ALTER TABLE messages RENAME TO messages_unavailable");
        HttpResponseMessage failed;
        try
        {
            failed = await SendAsync(tenant, phone, "are you there?", sid);
        }
        finally
        {
            await Db.ExecuteAsync(ConnectionString, "ALTER TABLE messages_unavailable RENAME TO messages");
        }

        Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.Zero);

        Assert.That((await SendAsync(tenant, phone, "are you there?", sid)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s", ("s", sid)), Is.EqualTo(1));
    }

    [Test]
    public async Task Without_a_key_the_message_is_stored_and_flagged_and_nothing_is_sent()
    {
        using var tenant = await NewTenantAsync(aiApiKey: null);
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Keyless Kim", phone, "Budget");
        var before = Ai.Requests.Count;

        Assert.That((await SendAsync(tenant, phone, "what should I save this month?")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var summary = await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);

        Assert.That(summary.NeedsReplyReason, Does.Contain("No AI key"));
        Assert.That(Ai.Requests.Skip(before).Any(r => r.AllText.Contains("save this month")), Is.False);
        Assert.That(SentTo(phone), Is.Empty);
        Assert.That(await CountAsync("SELECT count(*) FROM conversations WHERE contact_phone = @p AND needs_reply", ("p", phone)), Is.EqualTo(1));
    }

    [Test]
    public async Task With_auto_response_off_the_message_is_stored_and_shown_without_an_ai_call()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        var before = Ai.Requests.Count;
        await SendAsync(tenant, phone, "manual mode message");
        var summary = await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);

        Assert.That(summary.NeedsReplyReason, Does.Contain("Auto Response is off"));
        Assert.That(summary.UnreadByConsultant, Is.EqualTo(1));
        Assert.That(Ai.Requests.Skip(before).Any(r => r.AllText.Contains("manual mode message")), Is.False);
        Assert.That(SentTo(phone), Is.Empty);
    }

    [Test]
    public async Task Ai_errors_are_retried_and_then_the_conversation_is_flagged()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "flaky-key");
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Retry Rita", phone, "Stronger back");
        Ai.FailWith(500);
        Ai.FailWith(503);
        Ai.FailWith(500);

        await SendAsync(tenant, phone, "my back hurts after deadlifts");
        var summary = await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);

        Assert.That(summary.NeedsReplyReason, Does.Contain("3 attempts"));
        Assert.That(Ai.Requests.Count(r => r.AllText.Contains("back hurts")), Is.EqualTo(3));
        Assert.That(SentTo(phone), Is.Empty);

        // The next message is answered normally and the flag clears.
        await SendAsync(tenant, phone, "still there?");
        await WaitForRepliesAsync(phone, 1);
        Assert.That((await WaitUntilSettledAsync(tenant, phone, s => !s.NeedsReply)).NeedsReply, Is.False);
    }

    [Test]
    public async Task A_transient_twilio_failure_is_retried_and_the_reply_still_goes_out_once()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Twilio Tom", phone, "Consistency");
        Twilio.FailNextSends(1, 500, 20500, "Internal Server Error");

        await SendAsync(tenant, phone, "ping");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
        Assert.That(await CountAsync("SELECT attempts FROM messages WHERE contact_phone = @p AND direction = 'outbound'", ("p", phone)), Is.EqualTo(2),
            "retried on the same message row, attempts visible");
    }

    [Test]
    public async Task A_reply_twilio_takes_at_once_reads_one_attempt()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "ping");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(await CountAsync(
            "SELECT attempts FROM messages WHERE contact_phone = @p AND direction = 'outbound' AND twilio_sid IS NOT NULL", ("p", phone)),
            Is.EqualTo(1), "counted with the sid it was given");
    }

    [Test]
    public async Task A_permanent_twilio_refusal_is_not_retried_and_is_explained_in_words()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Invalid Ivo", phone, "Swim");
        Twilio.FailNextSends(1, 400, 21211, "The 'To' number is not a valid phone number.");

        await SendAsync(tenant, phone, "ping");
        var flagged = await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);
        Assert.That(flagged.NeedsReplyReason, Does.Contain("not a valid phone number"));
        Assert.That(SentTo(phone), Is.Empty);
        Assert.That(await CountAsync(
            "SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound' AND status = 'failed' AND attempts = 1 AND twilio_error_code = 21211",
            ("p", phone)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_reply_longer_than_1600_characters_goes_out_in_parts()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Long Lucy", phone, "Details");
        var paragraphs = Enumerable.Range(1, 3) // within WhatsApp:MaxReplyParts (3)
            .Select(n => $"Part {n}. " + string.Join(" ", Enumerable.Repeat("This is a detailed sentence about training.", 20)))
            .ToList();
        var reply = string.Join("\n\n", paragraphs);
        Assert.That(reply.Length, Is.GreaterThan(1600), "more than one message");
        Ai.ReplyWith(reply);

        await SendAsync(tenant, phone, "explain everything");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        // Cut at paragraph breaks: every part fits, in order, and nothing is lost.
        var parts = SentTo(phone).Select(m => m.Body).ToList();
        Assert.That(parts.Select(p => p.Length), Is.All.LessThanOrEqualTo(1600));
        Assert.That(parts, Is.EqualTo(paragraphs));
    }

    private static StringContent Json(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
