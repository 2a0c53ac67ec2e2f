using System.Net.Http.Json;
using System.Net;
using Consultant.Grains.Settings;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// A WhatsApp number is owned per Twilio account: two consultants with different AccountSids share the Sandbox
/// number, each gets their own webhooks; the same AccountSid and number twice is a conflict.
/// </summary>
public sealed class SharedNumberTests : PipelineFixture
{
    private const string SandboxNumber = "+14155238886";

    /// <summary>A consultant saving <paramref name="number"/> in Twilio account <paramref name="accountSid"/>; the response as it came.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(ApiConsultant consultant, string accountSid, string number) =>
        await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid, authToken = Guid.NewGuid().ToString("N"), whatsappNumber = number, isActive = true, autoResponseEnabled = true, mode = "webhook",
        });

    private Task<HttpResponseMessage> PostSignedAsync(WhatsAppTenant accountOf, string signingToken, string from, string body) =>
        TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, signingToken,
            TwilioWebhook.InboundForm(accountOf.AccountSid, from, SandboxNumber, body));

    [Test]
    public async Task Two_accounts_share_the_sandbox_number_and_each_gets_its_own_webhooks_but_the_same_account_twice_is_409()
    {
        await AddPoolKeyAsync("pool-key-sandbox"); // the contacts are leads
        using var first = await NewTenantAsync(number: SandboxNumber);
        using var second = await NewTenantAsync(number: SandboxNumber); // another Twilio account: allowed
        using var squatter = await Host.RegisterConsultantAsync();
        Assert.That((await SaveAsync(squatter, first.AccountSid, SandboxNumber)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "the same AccountSid and number twice");

        var firstContact = NewContactPhone();
        var secondContact = NewContactPhone();
        Assert.That((await PostSignedAsync(first, first.AuthToken, firstContact, "to the first")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PostSignedAsync(second, second.AuthToken, secondContact, "to the second")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PostSignedAsync(second, first.AuthToken, NewContactPhone(), "signed with the wrong token")).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));

        var firstReply = (await WaitForRepliesAsync(firstContact, 1)).Single();
        var secondReply = (await WaitForRepliesAsync(secondContact, 1)).Single();
        Assert.That(firstReply.AccountSid, Is.EqualTo(first.AccountSid));
        Assert.That(secondReply.AccountSid, Is.EqualTo(second.AccountSid));
        Assert.That((await WaitUntilSettledAsync(first, firstContact)).NeedsReply, Is.False);
        Assert.That((await WaitUntilSettledAsync(second, secondContact)).NeedsReply, Is.False);
        Assert.That((await SummaryAsync(first, secondContact)).MessageCount, Is.Zero, "nothing crossed over");
    }

    [Test]
    public async Task A_number_claimed_before_account_sids_were_stored_keeps_routing_until_the_start_up_backfill_gives_it_its_account_sid()
    {
        var number = "+1415" + Random.Shared.Next(1000000, 9999999);
        using var owner = await NewTenantAsync(number: number);
        // As migration 0015 leaves a row claimed before it: no AccountSid.
        await Db.ExecuteAsync(ConnectionString, $"UPDATE whatsapp_numbers SET account_sid = NULL WHERE consultant_id = '{owner.Consultant.Id}'");

        var contact = NewContactPhone();
        var form = TwilioWebhook.InboundForm(owner.AccountSid, contact, number, "still routed");
        Assert.That((await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, owner.AuthToken, form)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var other = await Host.RegisterConsultantAsync();
        var otherSid = "AC" + Guid.NewGuid().ToString("N");
        var blocked = await SaveAsync(other, otherSid, number);
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "until its AccountSid is known, an old row keeps its number");

        var filled = await Host.Services.GetRequiredService<WhatsAppNumberRegistry>().BackfillAccountSidsAsync(Host.Services.GetRequiredService<IGrainFactory>());
        Assert.That(filled, Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM whatsapp_numbers WHERE consultant_id = @c AND account_sid = @s",
            ("c", owner.Consultant.Id), ("s", owner.AccountSid)), Is.EqualTo(1));
        var allowed = await SaveAsync(other, otherSid, number);
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another account may now use the same number");
    }
}
