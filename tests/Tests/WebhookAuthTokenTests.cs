using System.Net;
using System.Net.Http.Json;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>The webhook's signature check with the Auth Token kept in memory: a changed token counts at once, and no token is logged.</summary>
public sealed class WebhookAuthTokenTests : PipelineFixture
{
    private readonly CapturedLogs logs = new();

    protected override CapturedLogs? Logs => logs;

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Twilio:AuthTokenCacheSeconds"] = "3600", // far longer than the test: only the change can replace the token
    };

    [Test]
    public async Task A_changed_auth_token_is_used_right_after_the_change_and_never_logged()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        var contact = NewContactPhone();
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await SendAsync(tenant, contact, $"before {i}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var newToken = Guid.NewGuid().ToString("N");
        Twilio.AddAccount(tenant.AccountSid, newToken);
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = tenant.AccountSid, authToken = newToken, whatsappNumber = tenant.Number, isActive = true, autoResponseEnabled = false,
            mode = "webhook",
        })).EnsureSuccessStatusCode();

        var changed = tenant with { AuthToken = newToken };
        Assert.That((await SendAsync(changed, contact, "signed with the new token")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SendAsync(tenant, contact, "signed with the old token")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var logged = string.Join("\n", logs.Entries.Select(entry => entry.ToString()));
        Assert.That(logs.Entries, Is.Not.Empty, "the host's log is captured");
        Assert.That(logged, Does.Not.Contain(tenant.AuthToken).And.Not.Contain(newToken));
    }
}
