using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Languages;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>What WhatsApp enforces: STOP and START, and the 24-hour window for free-form messages.</summary>
public sealed class WhatsAppRulesTests : PipelineFixture
{
    [Test]
    public async Task Stop_opts_the_contact_out_with_one_confirmation_and_start_opts_them_back_in()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Stopping Stella", phone, "Walk more");

        await SendAsync(tenant, phone, "Stop");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Single().Body, Is.EqualTo(ContactTexts.OptOutConfirmation(ContactLanguage.English)));
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("Stop")), Is.False, "the confirmation is not the AI's");

        await SendAsync(tenant, phone, "what's my plan this week?");
        var flagged = await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);
        Assert.That(flagged.NeedsReplyReason, Does.Contain("opted out"));
        Assert.That(SentTo(phone), Has.Count.EqualTo(1), "nothing automatic after STOP");
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("what's my plan this week?")), Is.False);

        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        var unconfirmed = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send", new { messageText = "Sure?" });
        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await unconfirmed.Content.ReadAsStringAsync(), Does.Contain("confirmOptedOut"));
        var confirmed = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send", new { messageText = "Sure?", confirmOptedOut = true });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SentTo(phone).Last().Body, Is.EqualTo("Sure?"));

        await SendAsync(tenant, phone, "START");
        await WaitForRepliesAsync(phone, 3);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Last().Body, Is.EqualTo(ContactTexts.OptInConfirmation(ContactLanguage.English)));
        var listed = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}");
        Assert.That(listed.GetProperty("optedOut").GetBoolean(), Is.False);

        await SendAsync(tenant, phone, "back again, what should I do today?");
        await WaitForRepliesAsync(phone, 4);
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("back again, what should I do today?")), Is.True);
    }

    [Test]
    public async Task Stop_in_the_middle_of_a_burst_is_confirmed_once_and_nothing_else_is_answered()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Burst Bea", phone, "Rest");
        await Task.WhenAll(SendAsync(tenant, phone, "STOP"), SendAsync(tenant, phone, "ok thanks"));
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { ContactTexts.OptOutConfirmation(ContactLanguage.English) }));
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("ok thanks")), Is.False);
        var listed = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}");
        Assert.That(listed.GetProperty("optedOut").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Stop_while_the_ai_is_preparing_a_reply_cancels_that_reply()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Quick Quit", phone, "Walk");
        var held = Ai.HoldNextReply();
        await SendAsync(tenant, phone, "tell me about my plan");
        await Poll.UntilAsync(() => Task.FromResult(Ai.Requests.Count(r => r.AllText.Contains("tell me about my plan"))), n => n == 1,
            TimeSpan.FromSeconds(60), "the AI to be asked");

        await SendAsync(tenant, phone, "stop");
        held.SetResult("Here is your plan (too late)");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { ContactTexts.OptOutConfirmation(ContactLanguage.English) }));
    }

    [Test]
    public async Task A_sentence_that_contains_stop_is_an_ordinary_message()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Sentence Sam", phone, "Lift");
        await SendAsync(tenant, phone, "please don't stop my plan");
        await WaitForRepliesAsync(phone, 1);
        var settled = await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Single().Body, Is.Not.EqualTo(ContactTexts.OptOutConfirmation(ContactLanguage.English)));
        Assert.That(settled.NeedsReply, Is.False);
    }

    [Test]
    public async Task A_manual_message_more_than_24_hours_after_the_contact_last_wrote_is_not_attempted()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "an old message");
        await WaitUntilSettledAsync(tenant, phone);
        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM conversations WHERE id = @id", ("id", id)), n => n == 1, TimeSpan.FromSeconds(60), "the list view");
        await Db.ScalarAsync<int>(ConnectionString,
            "UPDATE conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = @id RETURNING 1", ("id", id));

        var listed = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}");
        Assert.That(listed.GetProperty("windowClosesAt").GetDateTimeOffset(), Is.LessThan(DateTimeOffset.UtcNow));
        var refused = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send", new { messageText = "Are you still there?" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("24 hours").And.Contain("template"));
        Assert.That(SentTo(phone), Is.Empty);
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND direction = 'outbound'", ("p", phone)), Is.Zero);
    }

    [Test]
    public async Task After_the_window_an_approved_template_goes_out_with_its_variables()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var http = tenant.Consultant.Http;
        var invalid = await http.PostAsJsonAsync("/api/whatsapp/templates", new { name = "", contentSid = "XX1", body = "" });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await invalid.Content.ReadAsStringAsync(), Does.Contain("contentSid").And.Contain("body").And.Contain("name"));
        var created = await http.PostAsJsonAsync("/api/whatsapp/templates", new
        {
            name = "Check-in", contentSid = "HX" + new string('a', 32), body = "Hi {{1}}, shall we book your next session?",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var template = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.That(template.GetProperty("placeholders").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "1" }));
        var duplicate = await http.PostAsJsonAsync("/api/whatsapp/templates", new { name = "check-in", contentSid = "HX" + new string('b', 32), body = "x" });
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "hello, long ago");
        await WaitUntilSettledAsync(tenant, phone);
        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM conversations WHERE id = @id", ("id", id)), n => n == 1, TimeSpan.FromSeconds(60), "the list view");
        await Db.ScalarAsync<int>(ConnectionString, "UPDATE conversations SET last_inbound_at = now() - interval '3 days' WHERE id = @id RETURNING 1", ("id", id));
        var templateId = template.GetProperty("id").GetGuid();

        var missing = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send-template", new { templateId });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("{{1}}"));
        var sent = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send-template", new { templateId, variables = new Dictionary<string, string> { ["1"] = "Ana" } });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());

        var atTwilio = SentTo(phone).Single();
        Assert.That(atTwilio.ContentSid, Is.EqualTo("HX" + new string('a', 32)));
        Assert.That(JsonDocument.Parse(atTwilio.ContentVariables!).RootElement.GetProperty("1").GetString(), Is.EqualTo("Ana"));
        var stored = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("message");
        Assert.That(stored.GetProperty("body").GetString(), Is.EqualTo("Hi Ana, shall we book your next session?"));

        using var other = await NewTenantAsync(autoResponse: false);
        Assert.That((await other.Consultant.Http.DeleteAsync($"/api/whatsapp/templates/{templateId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{id}/send-template", new { templateId })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.DeleteAsync($"/api/whatsapp/templates/{templateId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
