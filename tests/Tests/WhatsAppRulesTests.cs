using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Conversations;
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
        Assert.That(SentTo(phone).Single().Body, Is.EqualTo(OptOutKeywords.OptOutConfirmation));
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
        Assert.That(SentTo(phone).Last().Body, Is.EqualTo(OptOutKeywords.OptInConfirmation));
        var listed = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}");
        Assert.That(listed.GetProperty("optedOut").GetBoolean(), Is.False);

        await SendAsync(tenant, phone, "back again, what should I do today?");
        await WaitForRepliesAsync(phone, 4);
        Assert.That(Ai.Requests.Any(r => r.AllText.Contains("back again, what should I do today?")), Is.True);
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
        Assert.That(SentTo(phone).Single().Body, Is.Not.EqualTo(OptOutKeywords.OptOutConfirmation));
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
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM conversations WHERE id = @id", ("id", id)), n => n == 1, TimeSpan.FromSeconds(30), "the list view");
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
}
