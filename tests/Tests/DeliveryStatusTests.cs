using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>Twilio's status callbacks: signature-checked, status only moving forward, errors in words.</summary>
public sealed class DeliveryStatusTests : PipelineFixture
{
    [Test]
    public async Task Every_send_asks_for_status_callbacks_and_out_of_order_callbacks_never_move_the_status_back()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Ticked Tina", phone, "Yoga");
        await SendAsync(tenant, phone, "will I see ticks?");
        var reply = (await WaitForRepliesAsync(phone, 1)).Single();
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(reply.StatusCallback, Is.EqualTo(SiloHost.PublicBaseUrl + StatusCallbackPath));

        Assert.That((await StatusCallbackAsync(tenant, reply.Sid, "sent")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync(reply.Sid), Is.EqualTo("sent"));
        await StatusCallbackAsync(tenant, reply.Sid, "read");
        await StatusCallbackAsync(tenant, reply.Sid, "delivered"); // late: must not undo "read"
        await StatusCallbackAsync(tenant, reply.Sid, "sent");
        Assert.That(await StatusAsync(reply.Sid), Is.EqualTo("read"));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s AND delivered_at IS NOT NULL AND read_at IS NOT NULL", ("s", reply.Sid)), Is.EqualTo(1));

        var id = ConversationIdOf(tenant, phone);
        var page = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{id}/messages");
        Assert.That(page.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("read"));
    }

    [Test]
    public async Task A_failed_delivery_is_final_and_explained_in_words()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Late Lena", phone, "Sleep");
        await SendAsync(tenant, phone, "hello?");
        var reply = (await WaitForRepliesAsync(phone, 1)).Single();
        await WaitUntilSettledAsync(tenant, phone);

        await StatusCallbackAsync(tenant, reply.Sid, "failed", errorCode: "63016");
        await StatusCallbackAsync(tenant, reply.Sid, "delivered");
        Assert.That(await StatusAsync(reply.Sid), Is.EqualTo("failed"));
        var error = await Db.ScalarAsync<string>(ConnectionString, "SELECT error FROM messages WHERE twilio_sid = @s", ("s", reply.Sid));
        Assert.That(error, Does.Contain("24 hours").And.Contain("63016"));
        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE twilio_sid = @s AND twilio_error_code = 63016 AND failed_at IS NOT NULL", ("s", reply.Sid)), Is.EqualTo(1));

        // The dashboard's alert lists it, for this consultant only.
        var failed = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/messages/failed");
        Assert.That(failed.EnumerateArray().Any(m => m.GetProperty("error").GetString()!.Contains("63016")), Is.True);
        using var other = await NewTenantAsync();
        var none = await other.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/messages/failed");
        Assert.That(none.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_callback_that_overtakes_the_sends_response_is_applied_once_the_sid_is_recorded()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Quick Quentin", phone, "Sprint");
        var sid = FakeTwilio.NewSid();
        Assert.That((await StatusCallbackAsync(tenant, sid, "delivered")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "not known yet: kept, not refused");

        Twilio.UseSidForNextSend(sid);
        await SendAsync(tenant, phone, "fast network?");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(await StatusAsync(sid), Is.EqualTo("delivered"));
        Assert.That(await CountAsync("SELECT count(*) FROM early_status_callbacks WHERE twilio_sid = @s", ("s", sid)), Is.Zero);
    }

    [Test]
    public async Task A_polling_install_reads_the_ticks_from_twilio()
    {
        using var tenant = await NewTenantAsync(mode: "polling");
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Polled Polly", phone, "Stretch");
        await SendAsync(tenant, phone, "do polling installs get ticks?");
        var reply = (await WaitForRepliesAsync(phone, 1)).Single();
        await WaitUntilSettledAsync(tenant, phone);

        Twilio.SetStatus(reply.Sid, "read");
        var poller = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<Consultant.Grains.Abstractions.IWhatsAppPollerGrain>(tenant.Consultant.Id);
        await poller.PollNowAsync(CancellationToken.None);
        Assert.That(await StatusAsync(reply.Sid), Is.EqualTo("read"));

        Twilio.SetStatus(reply.Sid, "sent"); // older news never moves it back
        await poller.PollNowAsync(CancellationToken.None);
        Assert.That(await StatusAsync(reply.Sid), Is.EqualTo("read"));
    }

    [Test]
    public async Task A_status_callback_with_a_bad_signature_is_refused_and_changes_nothing()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Forged Fay", phone, "Run");
        await SendAsync(tenant, phone, "hi");
        var reply = (await WaitForRepliesAsync(phone, 1)).Single();
        await WaitUntilSettledAsync(tenant, phone);

        var forged = await StatusCallbackAsync(tenant, reply.Sid, "read", authToken: "not-the-token");
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var unsigned = await StatusCallbackAsync(tenant, reply.Sid, "read", authToken: null);
        Assert.That(unsigned.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await StatusAsync(reply.Sid), Is.EqualTo("queued"));

        var unknownStatus = await StatusCallbackAsync(tenant, reply.Sid, "teleported");
        Assert.That(unknownStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private Task<string?> StatusAsync(string sid) =>
        Db.ScalarAsync<string>(ConnectionString, "SELECT status FROM messages WHERE twilio_sid = @s", ("s", sid));

    private static Guid ConversationIdOf(WhatsAppTenant tenant, string phone) =>
        Consultant.Grains.Abstractions.ConversationKey.IdFor(tenant.Consultant.Id, phone);
}
