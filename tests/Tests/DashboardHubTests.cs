using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>The SignalR hub: each consultant gets only their own events, from conversations on any silo.</summary>
public sealed class DashboardHubTests : PipelineFixture
{
    [Test]
    public async Task Each_consultant_gets_only_their_own_events()
    {
        using var alice = await NewTenantAsync();
        using var bob = await NewTenantAsync();
        await using var aliceEvents = await HubListener.ConnectAsync(Host, alice.Consultant);
        await using var bobEvents = await HubListener.ConnectAsync(Host, bob.Consultant);
        var alicePhone = NewContactPhone();
        var bobPhone = NewContactPhone();
        await AddClientAsync(alice, "Hub Hanna", alicePhone, "Swim");

        await SendAsync(alice, alicePhone, "for alice only");
        await aliceEvents.WaitForAsync(DashboardEventNames.NewMessage, e => e.GetProperty("body").GetString() == "for alice only");
        await aliceEvents.WaitForAsync(DashboardEventNames.MessageSent, e => e.GetProperty("sender").GetString() == "ai");
        await aliceEvents.WaitForAsync(DashboardEventNames.ConversationUpdated, e => e.GetProperty("contactPhone").GetString() == alicePhone);
        await SendAsync(bob, bobPhone, "for bob only");
        await bobEvents.WaitForAsync(DashboardEventNames.NewMessage, e => e.GetProperty("body").GetString() == "for bob only");

        Assert.That(bobEvents.All.Any(e => e.Payload.ToString().Contains("for alice only", StringComparison.Ordinal)), Is.False);
        Assert.That(aliceEvents.All.Any(e => e.Payload.ToString().Contains("for bob only", StringComparison.Ordinal)), Is.False);
        Assert.That(bobEvents.All.Any(e => e.Payload.ToString().Contains(alicePhone, StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task An_event_raised_on_one_silo_reaches_a_dashboard_connected_to_another()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-hub"); // the contact below is a lead
        await using var second = CreateHost(); // joins the same cluster on the same database
        second.StartServer();
        await BothSeeTwoActiveSilosAsync(Host, second);
        await using var listener = await HubListener.ConnectAsync(second, tenant.Consultant);

        // Raised by code running in the first silo's process; the dashboard is connected to the second.
        var phone = NewContactPhone();
        var view = new ChatMessageView(Guid.NewGuid(), ConversationKey.IdFor(tenant.Consultant.Id, phone), phone, "inbound", "lead",
            "raised on silo one", "received", 0, "whatsapp", null, DateTimeOffset.UtcNow);
        // The hub subscribes the silo's relay while the connection starts, not before StartAsync returns: raise the
        // event until the subscription is in place (a real dashboard reads the state through REST after connecting).
        var events = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IConsultantEventsGrain>(tenant.Consultant.Id);
        await Poll.UntilAsync(async () =>
        {
            await events.PublishAsync(new DashboardEvent(tenant.Consultant.Id, DashboardEventNames.NewMessage, view, null));
            return await listener.ReceivedWithinAsync(DashboardEventNames.NewMessage, e => e.GetProperty("body").GetString() == "raised on silo one");
        }, received => received, TimeSpan.FromSeconds(60), "the event raised on silo one");

        // And through the whole pipeline: a webhook to the first silo reaches the dashboard on the second.
        await SendAsync(tenant, phone, "webhook on silo one");
        await listener.WaitForAsync(DashboardEventNames.NewMessage, e => e.GetProperty("body").GetString() == "webhook on silo one");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
    }

    [Test]
    public async Task A_delivery_status_reaches_the_dashboard_live()
    {
        using var tenant = await NewTenantAsync();
        await using var listener = await HubListener.ConnectAsync(Host, tenant.Consultant);
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Ticks Tom", phone, "Run");
        await SendAsync(tenant, phone, "will my ticks turn blue?");
        var reply = (await WaitForRepliesAsync(phone, 1)).Single();
        await WaitUntilSettledAsync(tenant, phone);

        const string path = "/api/whatsapp/status-callback";
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = reply.Sid, ["MessageStatus"] = "read", ["AccountSid"] = tenant.AccountSid,
            ["From"] = "whatsapp:" + tenant.Number, ["To"] = "whatsapp:" + phone,
        };
        var response = await TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.PublicBaseUrl + path, tenant.AuthToken, form, path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await listener.WaitForAsync(DashboardEventNames.MessageStatusChanged, e => e.GetProperty("status").GetString() == "read");
    }

    [Test]
    public async Task A_language_detected_or_chosen_elsewhere_reaches_the_open_dashboard_live()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-hub-language");
        await using var listener = await HubListener.ConnectAsync(Host, tenant.Consultant);
        var phone = NewContactPhone(); // a Brazilian number: English until a message says otherwise
        bool Conversation(JsonElement e, string language, string source) => e.GetProperty("contactPhone").GetString() == phone
            && e.GetProperty("language").GetString() == language && e.GetProperty("languageSource").GetString() == source;

        await SendAsync(tenant, phone, "Bonjour, je voudrais des informations sur vos programmes");
        await listener.WaitForAsync(DashboardEventNames.ConversationUpdated, e => Conversation(e, "fr", "detected"));
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        // Chosen in another tab (or through the API): this dashboard is told without reloading.
        var chosen = await tenant.Consultant.Http.PutAsJsonAsync(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}/language", new { language = "it" });
        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.OK), await chosen.Content.ReadAsStringAsync());
        await listener.WaitForAsync(DashboardEventNames.ConversationUpdated, e => Conversation(e, "it", "consultant"));
    }

    [Test]
    public async Task A_connection_without_a_token_is_refused()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Host.Server.BaseAddress, "hubs/whatsapp"), options =>
            {
                options.HttpMessageHandlerFactory = _ => Host.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await connection.DisposeAsync();
    }

    /// <summary>Until each silo's own view of the membership has both, calls between them may go to a silo not yet known.</summary>
    private static async Task BothSeeTwoActiveSilosAsync(params SiloHost[] hosts)
    {
        foreach (var host in hosts)
        {
            var membership = host.Services.GetRequiredService<IClusterMembershipService>();
            await Poll.UntilAsync(() => Task.FromResult(membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active)),
                active => active == 2, TimeSpan.FromSeconds(60), "both silos active in each silo's view");
        }
    }
}
