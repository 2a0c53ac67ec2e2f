using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// Links between clients and conversations through the API: a lead's contact added as a client from its chat (a
/// client conversation at once), a client's conversations, and the refusals, each naming the field.
/// </summary>
public sealed class ClientConversationLinkTests : PipelineFixture
{
    private static string NewBsuid() => "US." + Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);

    [Test]
    public async Task A_lead_added_as_a_client_from_its_chat_is_a_client_conversation_at_once_and_the_next_reply_uses_the_client_context()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "consultant-key-add");
        await AddPoolKeyAsync("pool-key-add");
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hi, I saw your ad");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var conversationId = await ConversationIdAsync(tenant, lead);
        var http = tenant.Consultant.Http;

        // No phone given: the contact's own number is the client's.
        var added = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client",
            new { name = "Lena Lead", language = "en", goals = "Run 10 km in under an hour" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = body.GetProperty("client").GetProperty("id").GetGuid();
        Assert.That(body.GetProperty("client").GetProperty("phone").GetString(), Is.EqualTo(lead));
        Assert.That(body.GetProperty("conversation").GetProperty("isLead").GetBoolean(), Is.False, "a client conversation at once");
        Assert.That(body.GetProperty("conversation").GetProperty("clientId").GetGuid(), Is.EqualTo(clientId));
        Assert.That(body.GetProperty("conversation").GetProperty("displayName").GetString(), Is.EqualTo("Lena Lead"));

        var ofClient = await http.GetFromJsonAsync<JsonElement>($"/api/clients/{clientId}/conversations");
        Assert.That(ofClient.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { conversationId }));
        var again = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client", new { name = "Twice" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ErrorsAsync(again), Does.ContainKey("conversation"));

        await SendAsync(tenant, lead, "so what do I do this week?");
        await WaitForRepliesAsync(lead, 2);
        var request = Ai.Requests.Last(r => r.AllText.Contains("so what do I do this week?"));
        Assert.That(request.ApiKey, Is.EqualTo("consultant-key-add"), "a client's reply uses the consultant's own key");
        Assert.That(request.SystemPrompt, Does.Contain("Lena Lead").And.Contain("Run 10 km in under an hour"));
    }

    [Test]
    public async Task A_lead_added_as_a_client_may_have_their_number_typed_as_a_local_number_of_the_default_country()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-local");
        var local = "347" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        var lead = "+39" + local;
        await SendAsync(tenant, lead, "ciao, ho visto il vostro annuncio");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);

        var added = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{await ConversationIdAsync(tenant, lead)}/add-client",
            new { name = "Luca Locale", phone = $"{local[..3]} {local[3..6]} {local[6..]}" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        Assert.That((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client").GetProperty("phone").GetString(), Is.EqualTo(lead));
    }

    [Test]
    public async Task A_username_contact_added_as_a_client_gets_the_typed_phone_and_its_id_is_linked_to_the_client()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "consultant-key-username");
        await AddPoolKeyAsync("pool-key-username");
        var bsuid = NewBsuid();
        await SendFromUsernameAsync(tenant, bsuid, "hello, username here", "Uma Username");
        await WaitForRepliesAsync(bsuid, 1);
        await WaitUntilSettledAsync(tenant, bsuid);
        var conversationId = await ConversationIdAsync(tenant, bsuid);
        var phone = NewContactPhone();

        var added = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client",
            new { name = "Uma Username", phone, goals = "Squat 80 kg" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = body.GetProperty("client").GetProperty("id").GetGuid();
        Assert.That(body.GetProperty("client").GetProperty("phone").GetString(), Is.EqualTo(phone));
        Assert.That(body.GetProperty("conversation").GetProperty("isLead").GetBoolean(), Is.False);
        Assert.That(await CountAsync("SELECT count(*) FROM client_addresses WHERE consultant_id = @c AND client_id = @id AND address = @a",
            ("c", tenant.Consultant.Id), ("id", clientId), ("a", bsuid)), Is.EqualTo(1), "the id is an address of the new client");

        await SendFromUsernameAsync(tenant, bsuid, "what weight today?", "Uma Username");
        await WaitForRepliesAsync(bsuid, 2);
        var request = Ai.Requests.Last(r => r.AllText.Contains("what weight today?"));
        Assert.That(request.ApiKey, Is.EqualTo("consultant-key-username"));
        Assert.That(request.SystemPrompt, Does.Contain("Squat 80 kg"));
    }

    [Test]
    public async Task Adding_a_lead_as_a_client_refuses_an_unreadable_missing_other_or_taken_phone_naming_the_field_and_stores_nothing()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-refusals");
        var http = tenant.Consultant.Http;
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hi from a phone");
        var bsuid = NewBsuid();
        await SendFromUsernameAsync(tenant, bsuid, "hi from a username", "No Number");
        await WaitForRepliesAsync(lead, 1);
        await WaitForRepliesAsync(bsuid, 1);
        var phoneConversation = await ConversationIdAsync(tenant, lead);
        var usernameConversation = await ConversationIdAsync(tenant, bsuid);
        var taken = NewContactPhone();
        await AddClientAsync(tenant, "Already Here", taken, "none");

        async Task ExpectRefusedAsync(Guid conversationId, object input, HttpStatusCode status, string field, string words)
        {
            var response = await http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client", input);
            Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
            var errors = await ErrorsAsync(response);
            Assert.That(errors, Does.ContainKey(field));
            Assert.That(errors[field][0], Does.Contain(words));
        }

        await ExpectRefusedAsync(phoneConversation, new { name = "Bad", phone = "call me maybe" }, HttpStatusCode.BadRequest, "phone", lead);
        await ExpectRefusedAsync(phoneConversation, new { name = "Bad", phone = NewContactPhone() }, HttpStatusCode.BadRequest, "phone", lead);
        await ExpectRefusedAsync(usernameConversation, new { name = "Bad" }, HttpStatusCode.BadRequest, "phone", "required");
        await ExpectRefusedAsync(usernameConversation, new { name = "Bad", phone = "+39 abc" }, HttpStatusCode.BadRequest, "phone", "not a valid phone number");
        await ExpectRefusedAsync(usernameConversation, new { name = "Bad", phone = taken }, HttpStatusCode.Conflict, "phone", "link this contact");
        await ExpectRefusedAsync(phoneConversation, new { phone = lead }, HttpStatusCode.BadRequest, "name", "name");

        using var other = await NewTenantAsync();
        var foreign = await other.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{phoneConversation}/add-client", new { name = "Mine?" });
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.Consultant.Http.GetAsync($"/api/clients/{Guid.NewGuid()}/conversations")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        Assert.That(await CountAsync("SELECT count(*) FROM clients WHERE consultant_id = @c", ("c", tenant.Consultant.Id)), Is.EqualTo(1), "only the one added before");
        var list = await http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations?filter=leads");
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(2), "both are still leads");
    }

    [Test]
    public async Task A_lead_whose_number_became_a_client_since_its_last_message_is_that_clients_conversation_on_add_client()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-meanwhile");
        var lead = NewContactPhone();
        await SendAsync(tenant, lead, "hello there");
        await WaitForRepliesAsync(lead, 1);
        await WaitUntilSettledAsync(tenant, lead);
        var conversationId = await ConversationIdAsync(tenant, lead);
        var clientId = await AddClientAsync(tenant, "Added Meanwhile", lead, "none");

        var response = await tenant.Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/add-client", new { name = "Again" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await ErrorsAsync(response))["phone"][0], Does.Contain("already one of your clients"));
        var conversation = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>($"/api/whatsapp/conversations/{conversationId}");
        Assert.That(conversation.GetProperty("isLead").GetBoolean(), Is.False);
        Assert.That(conversation.GetProperty("clientId").GetGuid(), Is.EqualTo(clientId));
    }

    [Test]
    public async Task Record_errors_name_the_field_in_words_as_the_dashboard_labels_it()
    {
        using var tenant = await NewTenantAsync();
        var clientId = await AddClientAsync(tenant, "Wordy Wendy", NewContactPhone(), "none");
        var http = tenant.Consultant.Http;

        var finance = await http.PutAsJsonAsync($"/api/clients/{clientId}/finance",
            new { currency = "EUR", monthlyIncome = 10_000_000_000_000_000m, monthlyExpenses = -1m, savingsGoal = 10m });
        var financeErrors = await ErrorsAsync(finance);
        Assert.That(financeErrors["monthlyIncome"], Is.EqualTo(new[] { "Monthly income must be below 1,000,000,000,000." }));
        Assert.That(financeErrors["monthlyExpenses"], Is.EqualTo(new[] { "Monthly expenses cannot be negative." }));

        var log = await http.PostAsJsonAsync($"/api/clients/{clientId}/exercise-logs",
            new { performedOn = "2026-11-20", exercise = "Squat", sets = 101, weightKg = 1001m });
        var logErrors = await ErrorsAsync(log);
        Assert.That(logErrors["sets"], Is.EqualTo(new[] { "Sets must be between 0 and 100." }));
        Assert.That(logErrors["weightKg"], Is.EqualTo(new[] { "The weight (kg) must be between 0 and 1,000." }));

        var plan = await http.PutAsJsonAsync($"/api/clients/{clientId}/workout-plan", new { title = "Strength" });
        Assert.That((await ErrorsAsync(plan))["details"], Is.EqualTo(new[] { "The plan is required." }));
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.That((int)response.StatusCode, Is.InRange(400, 499), await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    /// <summary>The id of the contact's conversation, once listed (the row is written just after the webhook's acknowledgement).</summary>
    private async Task<Guid> ConversationIdAsync(WhatsAppTenant tenant, string contactId)
    {
        await ListedAsync(tenant, [contactId]);
        var page = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/conversations?pageSize=200");
        return page.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("contactId").GetString() == contactId).GetProperty("id").GetGuid();
    }

    /// <summary>A contact with a WhatsApp username: From is their user id and Twilio gives no phone (no WaId).</summary>
    private Task<HttpResponseMessage> SendFromUsernameAsync(WhatsAppTenant tenant, string bsuid, string body, string profileName)
    {
        var form = TwilioWebhook.InboundForm(tenant.AccountSid, bsuid, tenant.Number, body, profileName: profileName);
        form.Remove("WaId");
        return TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken, form);
    }
}
