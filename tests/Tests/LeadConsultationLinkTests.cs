using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>A lead's consultations become the client's when the lead is added as a client from the chat, or linked to one.</summary>
public sealed class LeadConsultationLinkTests : PipelineFixture
{
    [Test]
    public async Task A_leads_consultation_shows_in_the_client_record_once_the_lead_is_added_as_a_client_or_linked_to_one()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-lead-link");
        var http = tenant.Consultant.Http;
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hello, I would like a consultation");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead);
        var booking = await BookAsync(http, new { conversationId, startsAt = "2030-12-03T10:00:00Z" });

        var added = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client", new { name = "Lia Lead" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var clientId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client").GetProperty("id").GetGuid();
        Assert.That(await ConsultationIdsAsync(http, clientId), Is.EqualTo(new[] { booking }));
        Assert.That((await http.GetFromJsonAsync<JsonElement>($"/api/bookings/{booking}")).GetProperty("clientId").GetGuid(), Is.EqualTo(clientId));

        // A contact known by a WhatsApp user id, linked to an existing client.
        var bsuid = "US." + Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendFromUsernameAsync(tenant, bsuid, "hi, username here", "Uma");
        await WaitForRepliesAsync(bsuid, 1);
        await WaitUntilSettledAsync(tenant, bsuid);
        var usernameConversation = ConversationKey.IdFor(tenant.Consultant.Id, bsuid);
        var theirs = await BookAsync(http, new { conversationId = usernameConversation, startsAt = "2030-12-04T10:00:00Z" });
        var existing = await AddClientAsync(tenant, "Uma Existing", NewContactPhone(), "Stay fit");
        var linked = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{usernameConversation}/link-client", new { clientId = existing });
        Assert.That(linked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await linked.Content.ReadAsStringAsync());
        Assert.That(await ConsultationIdsAsync(http, existing), Is.EqualTo(new[] { theirs }));
    }

    [Test]
    public async Task A_lead_who_booked_added_on_the_clients_page_or_by_api_with_the_same_number_gets_their_consultations()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-lead-link-api");
        var http = tenant.Consultant.Http;
        var (lead, later) = (NewContactPhone(), NewContactPhone());
        foreach (var phone in new[] { lead, later })
        {
            await SendAsync(tenant, phone, "hello, I would like a consultation");
            await WaitForRepliesAsync(phone, 1);
            await WaitUntilSettledAsync(tenant, phone);
        }

        var booking = await BookAsync(http, new { conversationId = ConversationKey.IdFor(tenant.Consultant.Id, lead), startsAt = "2030-12-05T10:00:00Z" });
        var other = await BookAsync(http, new { conversationId = ConversationKey.IdFor(tenant.Consultant.Id, later), startsAt = "2030-12-06T10:00:00Z" });

        // POST /api/clients, as the Clients page saves: the same number, written as a person would.
        var clientId = await AddClientAsync(tenant, "Lia Booked", lead.Replace("+55", "+55 ", StringComparison.Ordinal), "Stay fit");
        Assert.That(await ConsultationIdsAsync(http, clientId), Is.EqualTo(new[] { booking }));
        Assert.That((await http.GetFromJsonAsync<JsonElement>($"/api/bookings/{booking}")).GetProperty("clientId").GetGuid(), Is.EqualTo(clientId));

        // A client whose number is changed to a lead's who booked (PUT /api/clients/{id}).
        var renamed = await AddClientAsync(tenant, "Later Lou", NewContactPhone(), "Run");
        var updated = await http.PutAsJsonAsync($"/api/clients/{renamed}", new { name = "Later Lou", phone = later, language = "en", goals = "Run" });
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await updated.Content.ReadAsStringAsync());
        Assert.That(await ConsultationIdsAsync(http, renamed), Is.EqualTo(new[] { other }));
    }

    private Task<HttpResponseMessage> SendFromUsernameAsync(WhatsAppTenant tenant, string bsuid, string body, string profileName)
    {
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, bsuid, tenant.Number, body, profileName: profileName);
        form.Remove("WaId");
        return TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
    }

    private static async Task<Guid> BookAsync(HttpClient http, object request)
    {
        var booked = await http.PostAsJsonAsync("/api/bookings", request);
        Assert.That(booked.StatusCode, Is.EqualTo(HttpStatusCode.Created), await booked.Content.ReadAsStringAsync());
        return (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid[]> ConsultationIdsAsync(HttpClient http, Guid clientId) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/records")).GetProperty("consultations").EnumerateArray()
            .Select(c => c.GetProperty("id").GetGuid())];
}
