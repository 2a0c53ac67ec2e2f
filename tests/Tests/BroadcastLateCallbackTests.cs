using System.Net;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// A failed status callback that arrives before the broadcast's recipient row has recorded its message (between
/// Twilio accepting the send and the row being written) is not lost: the recipient ends failed with the reason.
/// </summary>
public sealed class BroadcastLateCallbackTests : PipelineFixture
{
    [Test]
    public async Task A_failed_callback_that_comes_before_the_recipient_records_its_message_still_fails_the_recipient()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contact = NewContactPhone();
        await SendAsync(tenant, contact, "hello");
        await ListedAsync(tenant, [contact]); // the audience is the conversation list
        var sid = "SM" + Guid.NewGuid().ToString("N");
        Twilio.UseSidForNextSend(sid);
        var held = Twilio.HoldNextSendResponse();

        var id = await BroadcastTests.CreateAsync(tenant, new { name = "Early", audience = new { group = "all" }, messageText = "Marketing news." });
        await BroadcastTests.PostAsync(tenant, $"/api/whatsapp/broadcasts/{id}/start", HttpStatusCode.OK);
        await Poll.UntilAsync(() => Task.FromResult(SentTo(contact).Count(m => m.Sid == sid)), n => n == 1, TimeSpan.FromSeconds(30), "Twilio took the send");
        (await StatusCallbackAsync(tenant, sid, "failed", "63003")).EnsureSuccessStatusCode(); // Twilio's answer is still on its way
        held.SetResult();

        await BroadcastTests.WaitForStatusAsync(tenant, id, "completed");
        var failed = await Poll.UntilAsync(() => BroadcastTests.GetJsonAsync(tenant, $"/api/whatsapp/broadcasts/{id}/recipients?status=failed"),
            page => page.GetProperty("recipients").GetArrayLength() == 1, TimeSpan.FromSeconds(30), "the recipient failed");
        Assert.That(failed.GetProperty("recipients")[0].GetProperty("errorCode").GetInt32(), Is.EqualTo(63003));
    }
}
