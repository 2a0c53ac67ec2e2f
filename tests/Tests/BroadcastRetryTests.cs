using System.Net;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Broadcasts;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// What WhatsApp and Twilio answer to a broadcast's sends: a rate limit in the send's answer (429 / 63018) backs off and
/// tries again; the marketing limit in a failed status callback (131049, or Twilio's 63049) tries that contact later
/// with a growing delay, then gives up saying so; any other failure is recorded with the reason in words.
/// </summary>
public sealed class BroadcastRetryTests : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Broadcast:MessagesPerSecond"] = "20",
        ["Broadcast:MaxAttempts"] = "3",
        ["Broadcast:RateLimitBackoffSeconds"] = "0.3",
        ["Twilio:MaxAttempts"] = "1", // the send's own retries off: each refusal reaches the broadcast
    };

    [Test]
    public async Task A_rate_limit_in_the_send_response_backs_off_and_retries_then_gives_up_after_the_last_try()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello");
        await ListedAsync(tenant, [contact]); // the audience is the conversation list

        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Rate", audience = new { group = "all" }, messageText = "Rate limited news." });
        Twilio.FailNextSends(1, 429, 20429, "Too many requests");
        Twilio.FailNextSends(1, 429, 63018, "Rate limit exceeded for the WhatsApp sender");
        var started = DateTimeOffset.UtcNow;
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");

        Assert.That(SentTo(contact).Count(m => m.Body.StartsWith("Rate limited news.", StringComparison.Ordinal)), Is.EqualTo(1), "once, on the third try");
        Assert.That(await AttemptsAsync(id, contact), Is.EqualTo(3));
        Assert.That(DateTimeOffset.UtcNow - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "waited 0.3 s, then 0.6 s");

        var second = await BroadcastTests.CreateAsync(tenant, new { name = "Rate again", audience = new { group = "all" }, messageText = "Never through." });
        Twilio.FailNextSends(3, 429, 63018, "Rate limit exceeded for the WhatsApp sender");
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{second}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, second, "completed");
        var failed = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{second}/recipients?status=failed");
        var row = failed.GetProperty("recipients")[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("reason").GetString(), Does.Contain("rate limit").And.EndWith("Gave up after 3 tries."));
            Assert.That(row.GetProperty("errorCode").GetInt32(), Is.EqualTo(63018));
            Assert.That(SentTo(contact).Count(m => m.Body.StartsWith("Never through.", StringComparison.Ordinal)), Is.Zero);
        });
    }

    [Test]
    public async Task The_marketing_limit_in_a_failed_callback_retries_that_contact_later_with_a_growing_delay_then_gives_up_with_the_reason()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var limited = NewContactPhone();
        var notOnWhatsApp = NewContactPhone();
        foreach (var contact in new[] { limited, notOnWhatsApp })
        {
            await SendAsync(tenant, contact, "hello");
        }

        await ListedAsync(tenant, [limited, notOnWhatsApp]); // the audience is the conversation list
        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Limits", audience = new { group = "all" }, messageText = "Marketing news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");

        // Another failure: recorded with the reason in words, never tried again.
        (await StatusCallbackAsync(tenant, Broadcasts(notOnWhatsApp)[0].Sid, "failed", "63003")).EnsureSuccessStatusCode();
        var failed = await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients?status=failed");
        Assert.That(failed.GetProperty("recipients")[0].GetProperty("reason").GetString(), Does.Contain("not on WhatsApp"));

        // 131049, then 63049: back in the queue for 60 minutes, then 120.
        foreach (var (code, tries, minutes) in new[] { ("131049", 1, 60), ("63049", 2, 120) })
        {
            var sentAt = DateTimeOffset.UtcNow;
            (await StatusCallbackAsync(tenant, Broadcasts(limited)[^1].Sid, "failed", code)).EnsureSuccessStatusCode();
            var (status, next, reason) = await RowAsync(id, limited);
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo("queued"), code);
                Assert.That(next, Is.EqualTo(sentAt.AddMinutes(minutes)).Within(TimeSpan.FromMinutes(1)), code);
                Assert.That(reason, Does.Contain("marketing limit").And.Contain($"after {minutes} minutes"), code);
            });
            Assert.That(await Db.ScalarAsync<string>(ConnectionString, $"SELECT status FROM whatsapp_broadcasts WHERE id = '{id}'"), Is.EqualTo("running"),
                "a completed broadcast goes on for the retry");

            // The time comes (the clock moved on): the broadcast is woken, as the scheduler's minute does.
            await Db.ExecuteAsync(ConnectionString, $"UPDATE whatsapp_broadcast_recipients SET next_attempt_at = now() WHERE broadcast_id = '{id}' AND contact_phone = '{limited}'");
            await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBroadcastGrain>(BroadcastKeys.Of(tenant.Consultant.Id, id)).WakeAsync();
            await Poll.UntilAsync(() => Task.FromResult(Broadcasts(limited).Count), n => n == tries + 1, TimeSpan.FromSeconds(30), "the retry");
            await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        }

        (await StatusCallbackAsync(tenant, Broadcasts(limited)[^1].Sid, "failed", "131049")).EnsureSuccessStatusCode();
        var (finalStatus, _, finalReason) = await RowAsync(id, limited);
        Assert.Multiple(() =>
        {
            Assert.That(finalStatus, Is.EqualTo("failed"));
            Assert.That(finalReason, Is.EqualTo("WhatsApp's marketing limit for this contact was still reached after 3 tries (error 131049); not tried again. " +
                "The number is fine: try them again in a few days, or once they write to you."));
            Assert.That(Broadcasts(limited), Has.Count.EqualTo(3), "three tries, none delivered");
        });
        // The chat's bubble of the last try says the same: held back, try later; never to check the number.
        var lastTryError = await Db.ScalarAsync<string>(ConnectionString,
            $"SELECT error FROM messages WHERE contact_phone = '{limited}' AND origin = 'broadcast' ORDER BY created_at DESC LIMIT 1");
        Assert.That(lastTryError, Is.EqualTo(Consultant.Grains.Twilio.TwilioErrorText.DescribeDelivery(131049)).And.Not.Contain("Check the number"));
        var counts = (await BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}")).GetProperty("counts");
        Assert.That(counts.GetProperty("failed").GetInt32(), Is.EqualTo(2));
    }

    private IReadOnlyList<FakeTwilioMessage> Broadcasts(string phone) =>
        SentTo(phone).Where(m => m.Body.StartsWith("Marketing news.", StringComparison.Ordinal)).ToList();

    private Task<long> AttemptsAsync(Guid id, string phone) =>
        CountAsync("SELECT attempts::bigint FROM whatsapp_broadcast_recipients WHERE broadcast_id = @id AND contact_phone = @p", ("id", id), ("p", phone));

    private async Task<(string Status, DateTimeOffset Next, string Reason)> RowAsync(Guid id, string phone) =>
        ((await Db.ScalarAsync<string>(ConnectionString, $"SELECT status FROM whatsapp_broadcast_recipients WHERE broadcast_id = '{id}' AND contact_phone = '{phone}'"))!,
         new DateTimeOffset(DateTime.SpecifyKind(await Db.ScalarAsync<DateTime>(ConnectionString,
             $"SELECT next_attempt_at FROM whatsapp_broadcast_recipients WHERE broadcast_id = '{id}' AND contact_phone = '{phone}'"), DateTimeKind.Utc)),
         (await Db.ScalarAsync<string>(ConnectionString, $"SELECT reason FROM whatsapp_broadcast_recipients WHERE broadcast_id = '{id}' AND contact_phone = '{phone}'"))!);
}
