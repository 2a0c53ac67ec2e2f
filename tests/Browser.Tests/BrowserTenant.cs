using System.Net.Http.Json;
using Consultant.TestSupport;

namespace Consultant.Browser.Tests;

/// <summary>A consultant with WhatsApp set up against the fake Twilio, and the webhooks their contacts send.</summary>
public sealed record BrowserTenant(ApiConsultant Consultant, string AccountSid, string AuthToken, string Number)
{
    public static async Task<BrowserTenant> CreateAsync(SiloHost host, FakeTwilio twilio, string name, bool autoResponse = true)
    {
        var consultant = await host.RegisterConsultantAsync(name);
        var accountSid = "AC" + Guid.NewGuid().ToString("N");
        var authToken = Guid.NewGuid().ToString("N");
        var number = "+1415" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        twilio.AddAccount(accountSid, authToken);
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid, authToken, whatsappNumber = number, isActive = true, autoResponseEnabled = autoResponse, aiApiKey = "consultant-key", mode = "webhook",
        });
        saved.EnsureSuccessStatusCode();
        return new BrowserTenant(consultant, accountSid, authToken, number);
    }

    public async Task AddClientAsync(string name, string phone) =>
        (await Consultant.Http.PostAsJsonAsync("/api/clients", new { name, phone, language = "en", goals = "Feel better" })).EnsureSuccessStatusCode();

    /// <summary>A contact's message; <paramref name="from"/> a phone, or a WhatsApp user id (then without WaId, as Twilio sends it).</summary>
    public async Task WebhookAsync(SiloHost host, string from, string body, string? profileName = null)
    {
        var form = TwilioWebhook.InboundForm(AccountSid, from, Number, body, profileName: profileName);
        if (!from.StartsWith('+'))
        {
            form.Remove("WaId");
        }

        using var http = host.CreateClient();
        (await TwilioWebhook.PostAsync(http, SiloHost.WebhookUrl, AuthToken, form)).EnsureSuccessStatusCode();
    }
}
