using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Inbox;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>The Idempotency-Key header on the consultant's sends: a double press or a retried request sends once.</summary>
public sealed class IdempotencyKeyTests : PipelineFixture
{
    [Test]
    public async Task A_replayed_key_answers_with_the_first_response_and_twilio_sees_one_send_while_a_new_key_sends_again()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);
        var key = Guid.NewGuid().ToString();

        var first = await PostSendAsync(tenant, id, "See you at 7", key);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var replay = await PostSendAsync(tenant, id, "See you at 7", key);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replay.Content.ReadAsStringAsync());
        Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()), "the first response, word for word");
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { "See you at 7" }));
        Assert.That(await ConsultantMessagesAsync(phone), Is.EqualTo(1));

        var again = await PostSendAsync(tenant, id, "See you at 7", Guid.NewGuid().ToString());
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(phone, 2);
        Assert.That(await ConsultantMessagesAsync(phone), Is.EqualTo(2), "another key is another message");
    }

    [Test]
    public async Task Another_consultants_same_key_is_a_key_of_its_own()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        using var other = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);
        var (otherPhone, otherId) = await ConversationAsync(other);
        const string key = "shared-key-0001";

        Assert.That((await PostSendAsync(tenant, id, "From the first consultant", key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var second = await PostSendAsync(other, otherId, "From the second consultant", key);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        Assert.That(second.Headers.Contains("Idempotent-Replayed"), Is.False);

        await WaitForRepliesAsync(phone, 1);
        await WaitForRepliesAsync(otherPhone, 1);
        Assert.That(SentTo(otherPhone).Single().Body, Is.EqualTo("From the second consultant"));
        // And a key opens nothing of the first consultant's: their conversation is not found for the second one.
        Assert.That((await PostSendAsync(other, id, "From the first consultant", "another-key")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_key_used_on_one_silo_is_answered_as_a_replay_by_another_silo_on_the_same_database()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);
        await using var second = CreateHost(); // joins the same cluster on the same database
        second.StartServer();
        using var secondHttp = second.CreateClient();
        secondHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Consultant.Token);

        var first = await PostSendAsync(tenant, id, "Sent through silo one", "cross-silo-key");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        using var request = SendRequest(id, "Sent through silo one", "cross-silo-key");
        var replay = await secondHttp.SendAsync(request);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replay.Content.ReadAsStringAsync());
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Requests_with_one_key_at_the_same_time_send_once_and_one_arriving_while_the_first_is_sending_gets_409()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);

        var burst = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostSendAsync(tenant, id, "Only once, please", "burst-key")));
        Assert.That(burst.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { "Only once, please" }));

        var held = Twilio.HoldNextSendResponse();
        var slow = PostSendAsync(tenant, id, "Held at Twilio", "held-key");
        await Poll.UntilAsync(() => Task.FromResult(SentTo(phone).Count), n => n == 2, TimeSpan.FromSeconds(60), "Twilio to get the held send");
        var meanwhile = await PostSendAsync(tenant, id, "Held at Twilio", "held-key");
        Assert.That(meanwhile.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await meanwhile.Content.ReadAsStringAsync(), Does.Contain("Idempotency-Key").And.Contain("still being sent"));
        held.SetResult();
        Assert.That((await slow).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await PostSendAsync(tenant, id, "Held at Twilio", "held-key");
        Assert.That(after.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_bad_key_header_or_a_key_reused_for_another_text_is_400_naming_the_header_and_nothing_is_sent()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);

        foreach (var bad in new[] { new string('k', 129), "has space", "quote\"d", "semi;colon" })
        {
            var response = await PostSendAsync(tenant, id, "Bad key", bad);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), bad);
            Assert.That(await ErrorFieldsAsync(response), Does.Contain("Idempotency-Key"), bad);
        }

        using (var twoValues = SendRequest(id, "Bad key", null))
        {
            twoValues.Headers.TryAddWithoutValidation("Idempotency-Key", ["first-key", "second-key"]);
            var response = await tenant.Consultant.Http.SendAsync(twoValues);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        // A refused request keeps nothing: corrected, it goes out with the same key. Reused for other text: 400.
        Assert.That((await PostSendAsync(tenant, id, "   ", "fix-me-key")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await PostSendAsync(tenant, id, "Corrected", "fix-me-key")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var reused = await PostSendAsync(tenant, id, "Something else", "fix-me-key");
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await reused.Content.ReadAsStringAsync(), Does.Contain("different request"));
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(SentTo(phone).Select(m => m.Body), Is.EqualTo(new[] { "Corrected" }));
    }

    [Test]
    public async Task A_template_and_an_attachment_replayed_with_their_key_are_sent_once()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);
        var created = await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/templates", new
        {
            name = "Reminder", contentSid = "HX" + new string('c', 32), body = "Hi {{1}}, see you tomorrow",
        });
        var templateId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/whatsapp/conversations/{id}/send-template")
            {
                Content = JsonContent.Create(new { templateId, variables = new Dictionary<string, string> { ["1"] = "Ana" } }),
            };
            request.Headers.Add("Idempotency-Key", "template-key");
            var response = await tenant.Consultant.Http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }

        var png = MediaFixtures.Png(16, 16);
        for (var i = 0; i < 2; i++)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "plan.png");
            form.Add(new StringContent("Your plan"), "messageText");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/whatsapp/conversations/{id}/attachments") { Content = form };
            request.Headers.Add("Idempotency-Key", "attachment-key");
            var response = await tenant.Consultant.Http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }

        await WaitUntilSettledAsync(tenant, phone);
        var sent = SentTo(phone);
        Assert.That(sent.Count(m => m.ContentSid == "HX" + new string('c', 32)), Is.EqualTo(1));
        Assert.That(sent.Count(m => m.Body == "Your plan" && m.MediaUrl is not null), Is.EqualTo(1));
        Assert.That(sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_expired_key_sends_again_and_the_cleanup_removes_expired_keys()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var (phone, id) = await ConversationAsync(tenant);
        Assert.That((await PostSendAsync(tenant, id, "Before expiry", "expiring-key")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Db.ExecuteAsync(ConnectionString,
            $"UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE consultant_id = '{tenant.Consultant.Id}'");

        var again = await PostSendAsync(tenant, id, "Before expiry", "expiring-key");
        Assert.That(again.Headers.Contains("Idempotent-Replayed"), Is.False);
        await WaitForRepliesAsync(phone, 2);

        await Db.ExecuteAsync(ConnectionString,
            $"UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE consultant_id = '{tenant.Consultant.Id}'");
        Assert.That(await Host.Services.GetRequiredService<IdempotentSends>().ForgetExpiredAsync(), Is.GreaterThanOrEqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM idempotency_keys WHERE consultant_id = @c", ("c", tenant.Consultant.Id)), Is.Zero);
    }

    private async Task<(string Phone, Guid Id)> ConversationAsync(WhatsAppTenant tenant)
    {
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "hello coach");
        var id = ConversationKey.IdFor(tenant.Consultant.Id, phone);
        await Poll.UntilAsync(() => CountAsync("SELECT count(*) FROM conversations WHERE id = @id", ("id", id)), n => n == 1,
            TimeSpan.FromSeconds(60), "the conversation in the list view");
        return (phone, id);
    }

    private static HttpRequestMessage SendRequest(Guid id, string text, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/whatsapp/conversations/{id}/send")
        {
            Content = JsonContent.Create(new { messageText = text }),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    private static async Task<HttpResponseMessage> PostSendAsync(WhatsAppTenant tenant, Guid id, string text, string key)
    {
        using var request = SendRequest(id, text, key);
        return await tenant.Consultant.Http.SendAsync(request);
    }

    private static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    private Task<long> ConsultantMessagesAsync(string phone) =>
        CountAsync("SELECT count(*) FROM messages WHERE contact_phone = @p AND sender = 'consultant'", ("p", phone));
}
