using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Contacts known by a WhatsApp user id (BSUID) instead of a phone number: accepted, answered to the same address,
/// listed, linked to a client, and kept as one conversation when a webhook pairs the BSUID with a phone.
/// </summary>
public sealed class ContactIdentityTests : PipelineFixture
{
    private static string NewBsuid() => "US." + Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);

    /// <summary>A webhook from a contact with a username: From is the BSUID and there is no phone (no WaId).</summary>
    private Task<HttpResponseMessage> SendFromAsync(
        WhatsAppTenant tenant, string from, string body, string? waId = null, string profileName = "Contact", Dictionary<string, string>? extra = null)
    {
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, from, tenant.Number, body, profileName: profileName);
        form.Remove("WaId");
        if (waId is not null)
        {
            form["WaId"] = waId;
        }

        foreach (var (key, value) in extra ?? [])
        {
            form[key] = value;
        }

        return TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
    }

    /// <summary>The contact's row of the conversation list, once written (just after the webhook's acknowledgement).</summary>
    private async Task<JsonElement> ConversationOfAsync(WhatsAppTenant tenant, string contactId)
    {
        await ListedAsync(tenant, [contactId]);
        var page = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations?pageSize=200");
        return page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("contactId").GetString() == contactId);
    }

    private Task<long> InboundCountAsync(WhatsAppTenant tenant, string conversationAddress) => CountAsync(
        "SELECT count(*) FROM messages WHERE consultant_id = @c AND contact_phone = @a AND direction = 'inbound'",
        ("c", tenant.Consultant.Id), ("a", conversationAddress));

    [Test]
    public async Task A_message_from_a_bsuid_is_stored_answered_to_the_same_address_and_listed_with_the_profile_name()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-bsuid");
        var bsuid = NewBsuid();

        var response = await SendFromAsync(tenant, bsuid, "hello, I only have a username", profileName: "Giulia Username");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        var replies = await WaitForRepliesAsync(bsuid, 1);
        Assert.That(replies[0].To, Is.EqualTo("whatsapp:" + bsuid));
        Assert.That(replies[0].From, Is.EqualTo("whatsapp:" + tenant.Number));
        await WaitUntilSettledAsync(tenant, bsuid);
        Assert.That(await InboundCountAsync(tenant, bsuid), Is.EqualTo(1));

        var listed = await ConversationOfAsync(tenant, bsuid);
        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("contactKind").GetString(), Is.EqualTo("bsuid"));
            Assert.That(listed.GetProperty("contactPhone").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(listed.GetProperty("displayName").GetString(), Is.EqualTo("Giulia Username"));
            Assert.That(listed.GetProperty("isLead").GetBoolean(), Is.True);
        });
        var parent = "US.ENT." + bsuid[3..];
        Assert.That((await SendFromAsync(tenant, parent, "from a parent id")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a parent BSUID is accepted too");
    }

    [Test]
    public async Task A_from_that_is_neither_a_phone_nor_a_bsuid_gets_400_and_nothing_is_stored()
    {
        using var tenant = await NewTenantAsync();
        foreach (var from in new[] { "not-a-number", "us.12345", "US.123-45", "USA.12345", "US." + new string('1', 129), "+12" })
        {
            var response = await SendFromAsync(tenant, from, "garbage " + from);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), from);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Unrecognised sender"), from);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("From").And.Contain("phone number").And.Contain("WhatsApp user id"), from);
            Assert.That(problem.GetProperty("errors").TryGetProperty("From", out _), Is.True, from);
        }

        // A message without its MessageSid says so, not that From is wrong.
        var noSid = TwilioWebhook.InboundForm(tenant.AccountSid, NewBsuid(), tenant.Number, "no sid");
        noSid.Remove("MessageSid");
        noSid.Remove("SmsMessageSid");
        var missing = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, noSid);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var missingProblem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(missingProblem.GetProperty("detail").GetString(), Does.Contain("MessageSid").And.Not.Contain("From"));
        Assert.That(missingProblem.GetProperty("errors").TryGetProperty("MessageSid", out _), Is.True);

        Assert.That(await CountAsync("SELECT count(*) FROM messages WHERE consultant_id = @c", ("c", tenant.Consultant.Id)), Is.Zero);
    }

    [Test]
    public async Task A_bsuid_contact_linked_to_a_client_is_answered_with_that_clients_context_and_the_client_keeps_its_phone()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "consultant-key-link");
        await AddPoolKeyAsync("pool-key-link");
        var phone = NewContactPhone();
        var clientId = await AddClientAsync(tenant, "Linda Linked", phone, "Deadlift 100 kg by June");
        var bsuid = NewBsuid();
        await SendFromAsync(tenant, bsuid, "hi, it's me from my new username");
        await WaitForRepliesAsync(bsuid, 1);
        await WaitUntilSettledAsync(tenant, bsuid);
        var conversationId = (await ConversationOfAsync(tenant, bsuid)).GetProperty("id").GetGuid();
        var http = tenant.Consultant.Http;

        // Another consultant sees neither this conversation nor may link to it, and not to their own client either.
        using var other = await NewTenantAsync();
        var othersClient = await AddClientAsync(other, "Not Yours", NewContactPhone(), "none");
        Assert.That((await other.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/link-client", new { clientId })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/link-client", new { clientId = othersClient })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        var missing = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/link-client", new { });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("clientId", out _));

        var linked = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/link-client", new { clientId });
        Assert.That(linked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await linked.Content.ReadAsStringAsync());
        var view = await linked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(view.GetProperty("isLead").GetBoolean(), Is.False, "a client conversation at once");
        Assert.That(view.GetProperty("clientId").GetGuid(), Is.EqualTo(clientId));

        await SendFromAsync(tenant, bsuid, "what is on my plan this week?");
        await WaitForRepliesAsync(bsuid, 2);
        var request = Ai.Requests.Last(r => r.AllText.Contains("what is on my plan this week?"));
        Assert.That(request.ApiKey, Is.EqualTo("consultant-key-link"));
        Assert.That(request.SystemPrompt, Does.Contain("Linda Linked").And.Contain("Deadlift 100 kg by June"));
        var client = await http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}");
        Assert.That(client.GetProperty("phone").GetString(), Is.EqualTo(phone), "the client keeps its phone number");
    }

    [Test]
    public async Task A_phone_contact_cannot_be_linked_to_a_client_with_another_number()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-phone-link");
        var clientId = await AddClientAsync(tenant, "Other Number", NewContactPhone(), "none");
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hello from a phone");
        await WaitForRepliesAsync(lead, 1);
        var conversationId = (await ConversationOfAsync(tenant, lead)).GetProperty("id").GetGuid();

        var refused = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/link-client", new { clientId });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("clientId")[0].GetString(), Does.Contain(lead));
    }

    [Test]
    public async Task A_bsuid_paired_with_its_phone_by_waid_stays_one_conversation_and_is_recognised_by_the_phone()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "consultant-key-pair");
        await AddPoolKeyAsync("pool-key-pair");
        var bsuid = NewBsuid();
        var phone = NewContactPhone();

        await SendFromAsync(tenant, bsuid, "first, as a username");
        await WaitForRepliesAsync(bsuid, 1);
        await WaitUntilSettledAsync(tenant, bsuid);

        // Twilio now gives the phone too (WaId, digits): the pair is remembered.
        await SendFromAsync(tenant, bsuid, "second, with my number known", waId: phone.TrimStart('+'));
        await WaitForRepliesAsync(bsuid, 2);
        await WaitUntilSettledAsync(tenant, bsuid);

        // A message from the phone alone goes to the same conversation, and the phone's client is recognised.
        await AddClientAsync(tenant, "Paolo Paired", phone, "Swim 2 km");
        Assert.That((await SendAsync(tenant, phone, "third, from my phone")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(bsuid, 3);
        await WaitUntilSettledAsync(tenant, bsuid);

        Assert.That(await InboundCountAsync(tenant, bsuid), Is.EqualTo(3));
        Assert.That(await InboundCountAsync(tenant, phone), Is.Zero);
        Assert.That(SentTo(phone), Is.Empty, "replies go to the conversation's own address");
        Assert.That(await CountAsync("SELECT count(*) FROM conversations WHERE consultant_id = @c", ("c", tenant.Consultant.Id)), Is.EqualTo(1));
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("third, from my phone")).SystemPrompt, Does.Contain("Paolo Paired"));
    }

    [Test]
    public async Task A_phone_conversation_keeps_its_key_when_the_contact_later_writes_from_its_bsuid()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-phone-first");
        var phone = NewContactPhone();
        var bsuid = NewBsuid();

        await SendAsync(tenant, phone, "first, from my phone");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        // From the phone, with the BSUID in a separate field: the pair is remembered, the key stays the phone.
        await SendFromAsync(tenant, phone, "second", waId: phone.TrimStart('+'), extra: new() { ["UserId"] = bsuid });
        await WaitForRepliesAsync(phone, 2);
        await WaitUntilSettledAsync(tenant, phone);
        await SendFromAsync(tenant, bsuid, "third, as a username");
        await WaitForRepliesAsync(phone, 3);
        await WaitUntilSettledAsync(tenant, phone);

        Assert.That(await InboundCountAsync(tenant, phone), Is.EqualTo(3));
        Assert.That(await InboundCountAsync(tenant, bsuid), Is.Zero);
        Assert.That(SentTo(bsuid), Is.Empty);
    }

    [Test]
    public async Task An_address_with_a_conversation_of_its_own_follows_the_pair_as_soon_as_it_is_remembered()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-merge");
        var phone = NewContactPhone();
        var bsuid = NewBsuid();

        // Twilio gave no pairing at first: two conversations, each grain active.
        await SendAsync(tenant, phone, "first, from my phone");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        await SendFromAsync(tenant, bsuid, "hello as a username");
        await WaitForRepliesAsync(bsuid, 1);
        await WaitUntilSettledAsync(tenant, bsuid);

        // From the username with the phone known: the username's conversation (named first) is the pair's.
        await SendFromAsync(tenant, bsuid, "now with my number", waId: phone.TrimStart('+'));
        await WaitForRepliesAsync(bsuid, 2);
        await WaitUntilSettledAsync(tenant, bsuid);

        // The phone's grain, still active with its own conversation, was told: its next message goes to the pair's.
        Assert.That((await SendAsync(tenant, phone, "again from my phone")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(bsuid, 3);
        await WaitUntilSettledAsync(tenant, bsuid);
        Assert.That(await InboundCountAsync(tenant, phone), Is.EqualTo(1));
        Assert.That(await InboundCountAsync(tenant, bsuid), Is.EqualTo(3));
    }

    [Test]
    public async Task The_poller_takes_messages_from_a_bsuid_into_the_same_pipeline()
    {
        using var tenant = await NewTenantAsync(mode: "polling");
        await AddPoolKeyAsync("pool-key-poll-bsuid");
        var bsuid = NewBsuid();
        Twilio.AddInbound(tenant.AccountSid, bsuid, tenant.Number, "polled from a username", DateTimeOffset.UtcNow);

        var replies = await Poll.UntilAsync(
            async () =>
            {
                await Host.Services.GetRequiredService<IGrainFactory>()
                    .GetGrain<IWhatsAppPollerGrain>(tenant.Consultant.Id).PollNowAsync(CancellationToken.None);
                return SentTo(bsuid);
            },
            sent => sent.Count >= 1, TimeSpan.FromSeconds(30), "a reply to the polled BSUID");
        Assert.That(replies[0].To, Is.EqualTo("whatsapp:" + bsuid));
        Assert.That(await InboundCountAsync(tenant, bsuid), Is.EqualTo(1));
    }
}
