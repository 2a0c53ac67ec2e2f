using System.Net;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// The contact's chat holds a broadcast once, as it stands: a try WhatsApp held back (marketing limit in a failed
/// callback, rate limit in the send's answer) shows as waiting for its retry, and the retry takes its place; when the
/// last try fails, that one shows, failed. Every try keeps its own sid, so a late callback for an earlier one still
/// finds its row (it is not kept as an unknown sid) and leaves the latest try alone.
/// </summary>
public sealed class BroadcastRetryChatTests : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Broadcast:MessagesPerSecond"] = "20",
        ["Broadcast:MaxAttempts"] = "3",
        ["Broadcast:RateLimitBackoffSeconds"] = "0.3",
        ["Twilio:MaxAttempts"] = "1",
    };

    [Test]
    public async Task A_marketing_limited_broadcast_shows_once_in_the_chat_waiting_then_as_its_retry_and_late_callbacks_still_match()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello");
        await ListedAsync(tenant, [contact]); // the audience is the conversation list
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Limited", audience = new { group = "all" }, messageText = "Marketing news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        var first = Broadcasts(contact).Single().Sid;

        (await StatusCallbackAsync(tenant, first, "failed", "131049")).EnsureSuccessStatusCode();
        var waiting = (await BroadcastMessagesAsync(tenant, contact)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(waiting.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(waiting.GetProperty("retry").GetProperty("nextTryAt").GetDateTimeOffset(),
                Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(60)).Within(TimeSpan.FromMinutes(2)), "waiting for the retry");
            Assert.That(waiting.GetProperty("error").GetString(), Does.Contain("marketing limit").And.Contain("trying again after 60 minutes"));
        });
        Assert.That(await FailedAlertCountAsync(tenant), Is.Zero, "waiting for a retry is not a failure yet");

        await RetryNowAsync(tenant, id, contact, tries: 2);
        var retried = (await BroadcastMessagesAsync(tenant, contact)).Single();
        var second = Broadcasts(contact)[^1].Sid;
        Assert.Multiple(() =>
        {
            Assert.That(retried.GetProperty("id").GetGuid(), Is.Not.EqualTo(waiting.GetProperty("id").GetGuid()), "the retry in its place");
            Assert.That(retried.GetProperty("status").GetString(), Is.Not.EqualTo("failed"));
            Assert.That(retried.GetProperty("retry").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        // A late callback for the first try's sid finds that try's row; the retry's own callbacks move the retry.
        (await StatusCallbackAsync(tenant, first, "undelivered", "131049")).EnsureSuccessStatusCode();
        (await StatusCallbackAsync(tenant, second, "delivered")).EnsureSuccessStatusCode();
        Assert.That(await CountAsync("SELECT count(*) FROM early_status_callbacks WHERE twilio_sid = @s", ("s", first)), Is.Zero, "matched, not kept as unknown");
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s AND replaced_by IS NOT NULL", ("s", first)), Is.EqualTo(1));
        var delivered = (await BroadcastMessagesAsync(tenant, contact)).Single();
        Assert.That(delivered.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        var counts = (await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}")).GetProperty("counts");
        Assert.That((counts.GetProperty("delivered").GetInt32(), counts.GetProperty("failed").GetInt32(), counts.GetProperty("queued").GetInt32()), Is.EqualTo((1, 0, 0)));
    }

    [Test]
    public async Task After_the_last_try_the_chat_shows_the_broadcast_once_failed_with_the_reason()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello");
        await ListedAsync(tenant, [contact]); // the audience is the conversation list
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Never", audience = new { group = "all" }, messageText = "Marketing news." });
        Twilio.FailNextSends(1, 429, 63018, "Rate limit exceeded for the WhatsApp sender"); // first a rate limit in the send's answer
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");

        for (var tries = 2; tries <= 3; tries++)
        {
            Assert.That(await BroadcastMessagesAsync(tenant, contact), Has.Count.EqualTo(1), $"try {tries - 1}");
            (await StatusCallbackAsync(tenant, Broadcasts(contact)[^1].Sid, "failed", "131049")).EnsureSuccessStatusCode();
            if (tries == 3)
            {
                break;
            }

            await RetryNowAsync(tenant, id, contact, tries);
        }

        var last = (await BroadcastMessagesAsync(tenant, contact)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(last.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(last.GetProperty("retry").ValueKind, Is.EqualTo(JsonValueKind.Null), "not tried again");
            Assert.That(last.GetProperty("error").GetString(), Does.Contain("131049"));
        });
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @c AND origin = 'broadcast'", ("c", tenant.Consultant.Id)),
            Is.EqualTo(3), "three tries kept, one shown");
        Assert.That(await FailedAlertCountAsync(tenant), Is.EqualTo(1));
    }

    [Test]
    public async Task A_try_waiting_in_a_paused_broadcast_says_it_waits_for_the_resume_instead_of_its_time_and_open_chats_are_told()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        await using var hub = await HubListener.ConnectAsync(Host, tenant.Consultant);
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello");
        await ListedAsync(tenant, [contact]); // the audience is the conversation list
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Paused", audience = new { group = "all" }, messageText = "Marketing news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        (await StatusCallbackAsync(tenant, Broadcasts(contact).Single().Sid, "failed", "131049")).EnsureSuccessStatusCode();
        var waiting = (await BroadcastMessagesAsync(tenant, contact)).Single();
        var tryId = waiting.GetProperty("id").GetGuid();
        var nextTryAt = waiting.GetProperty("retry").GetProperty("nextTryAt").GetDateTimeOffset();
        Assert.That(waiting.GetProperty("retry").GetProperty("paused").GetBoolean(), Is.False, "running: it waits for its time");

        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/pause", HttpStatusCode.OK);
        var paused = (await BroadcastMessagesAsync(tenant, contact)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(paused.GetProperty("id").GetGuid(), Is.EqualTo(tryId));
            Assert.That(paused.GetProperty("retry").GetProperty("paused").GetBoolean(), Is.True, "paused: it waits for the resume");
        });
        await hub.WaitForAsync(DashboardEventNames.MessageStatusChanged, e => IsTry(e, tryId) && e.GetProperty("retry").GetProperty("paused").GetBoolean());

        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/resume", HttpStatusCode.OK);
        var resumed = (await BroadcastMessagesAsync(tenant, contact)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(resumed.GetProperty("retry").GetProperty("paused").GetBoolean(), Is.False);
            Assert.That(resumed.GetProperty("retry").GetProperty("nextTryAt").GetDateTimeOffset(), Is.EqualTo(nextTryAt), "its time again");
        });
        await Poll.UntilAsync(() => Task.FromResult(hub.All.Where(e => e.Name == DashboardEventNames.MessageStatusChanged && IsTry(e.Payload, tryId))
                .Select(e => e.Payload.GetProperty("retry").GetProperty("paused").GetBoolean()).ToList()),
            told => told.SkipWhile(isPaused => !isPaused).SkipWhile(isPaused => isPaused).Any(), TimeSpan.FromSeconds(30),
            "open chats told it waits for its time again after the pause");

        static bool IsTry(JsonElement e, Guid tryId) => e.GetProperty("id").GetGuid() == tryId && e.GetProperty("retry").ValueKind == JsonValueKind.Object;
    }

    /// <summary>The retry's time comes (the clock moved on): the broadcast is woken, as the scheduler's minute does.</summary>
    private async Task RetryNowAsync(WhatsAppTenant tenant, Guid id, string contact, int tries)
    {
        await Poll.UntilAsync(() => Db.ScalarAsync<string>(ConnectionString, $"SELECT status FROM whatsapp_broadcast_recipients WHERE broadcast_id = '{id}' AND contact_phone = '{contact}'"),
            status => status == "queued", TimeSpan.FromSeconds(30), "back in the queue");
        await Db.ExecuteAsync(ConnectionString, $"UPDATE whatsapp_broadcast_recipients SET next_attempt_at = now() WHERE broadcast_id = '{id}' AND contact_phone = '{contact}'");
        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastGrain>(BroadcastKeys.Of(tenant.Consultant.Id, id)).WakeAsync();
        await Poll.UntilAsync(() => Task.FromResult(Broadcasts(contact).Count), n => n == tries, TimeSpan.FromSeconds(30), "the retry");
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
    }

    /// <summary>The broadcast messages of the contact's chat, as the API (and the dashboard) shows them.</summary>
    private static async Task<IReadOnlyList<JsonElement>> BroadcastMessagesAsync(WhatsAppTenant tenant, string contact)
    {
        var page = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, contact)}/messages");
        return page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("origin").GetString() == "broadcast").ToList();
    }

    private static async Task<int> FailedAlertCountAsync(WhatsAppTenant tenant) =>
        (await BroadcastTests.GetJsonAsync(tenant, "/api/whatsapp/messages/failed")).EnumerateArray().Count();

    private IReadOnlyList<FakeTwilioMessage> Broadcasts(string phone) =>
        SentTo(phone).Where(m => m.Body.StartsWith("Marketing news.", StringComparison.Ordinal)).ToList();
}
