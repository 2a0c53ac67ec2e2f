using System.Globalization;
using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;

namespace Consultant.Browser.Tests;

/// <summary>A consultant with WhatsApp set up on the fake Twilio (and their own AI key), their clients and the webhooks their contacts send.</summary>
internal sealed record BrowserTenant(ApiConsultant Consultant, string AccountSid, string AuthToken, string Number) : IDisposable
{
    public const string OwnAiKey = "consultant-key";

    public static async Task<BrowserTenant> CreateAsync(SiloHost host, FakeTwilio twilio, string name, bool autoResponse = true)
    {
        var consultant = await host.RegisterConsultantAsync(name);
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var authToken = Guid.NewGuid().ToString("N");
        var number = "+1415" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        twilio.AddAccount(accountSid, authToken);
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid, authToken, whatsappNumber = number, isActive = true, autoResponseEnabled = autoResponse, aiApiKey = OwnAiKey, mode = "webhook",
        });
        saved.EnsureSuccessStatusCode();
        return new BrowserTenant(consultant, accountSid, authToken, number);
    }

    public static string NewBsuid() => "US." + Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);

    public async Task<Guid> AddClientAsync(string name, string phone, string goals = "Feel better")
    {
        var response = await Consultant.Http.PostAsJsonAsync("/api/clients", new { name, phone, language = "en", goals });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdBody>())!.Id;
    }

    /// <summary>A message from <paramref name="from"/>: a phone number, or a WhatsApp user id (then Twilio gives no WaId).</summary>
    public async Task WebhookAsync(SiloHost host, string from, string body, string profileName = "Contact")
    {
        var form = TwilioWebhook.InboundForm(AccountSid, from, Number, body, profileName: profileName);
        if (!from.StartsWith('+'))
        {
            form.Remove("WaId");
        }

        using var http = host.CreateClient();
        (await TwilioWebhook.PostAsync(http, SiloHost.WebhookUrl, AuthToken, form)).EnsureSuccessStatusCode();

        // The conversation's list row is written just after the acknowledgement (AcknowledgementOptions): a consultant
        // finds it in the list once it is, and so does what the test does next.
        var conversation = $"/api/whatsapp/conversations/{ConversationKey.IdFor(Consultant.Id, from)}";
        await Poll.UntilAsync(async () => (await Consultant.Http.GetAsync(conversation)).StatusCode, status => status == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(15), $"the conversation of {from} to be listed");
    }

    /// <summary>
    /// The consultant answers the contact by hand (these tenants' AI does not): the conversation no longer needs their
    /// reply, so a silence nudge planned for it is not held for that reply.
    /// </summary>
    public async Task AnswerAsync(SiloHost host, string phone, string text = "Hello, happy to help.")
    {
        var conversationId = ConversationKey.IdFor(Consultant.Id, phone); // listed: WebhookAsync waited for it
        (await Consultant.Http.PostAsJsonAsync($"/api/whatsapp/conversations/{conversationId}/send", new { messageText = text })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(() => Db.ScalarAsync<long>(host.ConnectionString, $"SELECT count(*) FROM conversations WHERE id = '{conversationId}' AND NOT needs_reply"),
            count => count == 1, TimeSpan.FromSeconds(30), "the conversation answered");
    }

    public void Dispose() => Consultant.Dispose();

    private sealed record IdBody(Guid Id);
}
