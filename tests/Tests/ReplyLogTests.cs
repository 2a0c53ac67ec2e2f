using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Extensions.Logging;

namespace Consultant.Tests;

/// <summary>
/// The silo's log as a new operator reads it, at the product's own levels (appsettings.json, information by default):
/// a reply that fails is one warning with its reason and the conversation id, never a stack trace, a phone number,
/// a message's text or a secret; the HTTP clients write nothing while things work.
/// </summary>
public sealed class ReplyLogTests : PipelineFixture
{
    private readonly CapturedLogs logs = new();

    protected override CapturedLogs? Logs => logs;

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Information", // the test hosts lower it; the product's default is information
    };

    [Test]
    public async Task A_twilio_refusal_is_one_warning_with_the_reason_and_the_conversation_id_and_nothing_private()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "own-key-that-must-stay-secret");
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Refused Rita", phone, "Swim");
        var text = "my private question " + Guid.NewGuid().ToString("N");
        Ai.When(request => request.AllText.Contains(text), "the private answer to Rita");
        // Twilio's own message quotes the number, as its real 21211 does.
        Twilio.FailNextSends(1, 400, 21211, $"The 'To' number whatsapp:{phone} is not a valid phone number.");
        var start = logs.Entries.Count;

        await SendAsync(tenant, phone, text);
        await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);

        var written = Written(start);
        var warning = OnlyWarning(written);
        Assert.That(warning.Message, Does.Contain(ConversationKey.IdFor(tenant.Consultant.Id, phone).ToString())
            .And.Contain("not a valid phone number").And.Contain("21211"));
        AssertNothingPrivate(written, tenant, phone, text, "the private answer to Rita", "own-key-that-must-stay-secret");
    }

    [Test]
    public async Task A_twilio_that_cannot_be_reached_is_one_warning_without_a_stack_trace()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Unreached Uma", phone, "Run");
        var text = "are you there " + Guid.NewGuid().ToString("N");
        Twilio.DropNextSends(3); // every attempt (Twilio:MaxAttempts) gets a dropped connection
        var start = logs.Entries.Count;

        await SendAsync(tenant, phone, text);
        await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);

        var written = Written(start);
        var warning = OnlyWarning(written);
        Assert.That(warning.Message, Does.Contain(ConversationKey.IdFor(tenant.Consultant.Id, phone).ToString())
            .And.Contain("Could not reach Twilio"));
        AssertNothingPrivate(written, tenant, phone, text);
    }

    [Test]
    public async Task A_reply_that_fails_for_lack_of_an_ai_key_is_one_warning_saying_so()
    {
        using var tenant = await NewTenantAsync(aiApiKey: null);
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Keyless Kim", phone, "Save");
        var text = "what about my budget " + Guid.NewGuid().ToString("N");
        var start = logs.Entries.Count;

        await SendAsync(tenant, phone, text);
        await WaitUntilSettledAsync(tenant, phone, s => s.NeedsReply);

        var written = Written(start);
        var warning = OnlyWarning(written);
        Assert.That(warning.Message, Does.Contain(ConversationKey.IdFor(tenant.Consultant.Id, phone).ToString()).And.Contain("No AI key"));
        AssertNothingPrivate(written, tenant, phone, text);
    }

    [Test]
    public async Task An_answered_message_writes_nothing_from_the_http_clients_and_no_warning()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Quiet Quinn", phone, "Lift");
        var start = logs.Entries.Count;

        await SendAsync(tenant, phone, "hello " + Guid.NewGuid().ToString("N"));
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);

        var written = Written(start);
        Assert.That(written.Where(e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)), Is.Empty,
            "the AI's and Twilio's HTTP calls write no information lines");
        Assert.That(written.Where(e => e.Level >= LogLevel.Warning), Is.Empty);
    }

    /// <summary>
    /// What the host wrote since <paramref name="start"/>, less the in-memory test server's own complaint about the
    /// webhook's body limit (Kestrel, which the product runs on, applies it).
    /// </summary>
    private IReadOnlyList<CapturedLog> Written(int start) =>
        logs.Since(start).Where(e => !e.Message.Contains("IHttpMaxRequestBodySizeFeature", StringComparison.Ordinal)).ToList();

    private static CapturedLog OnlyWarning(IReadOnlyList<CapturedLog> written)
    {
        var warnings = written.Where(e => e.Level >= LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), "one warning for the failed reply:\n" + string.Join("\n", written));
        return warnings[0];
    }

    private static void AssertNothingPrivate(IReadOnlyList<CapturedLog> written, WhatsAppTenant tenant, string phone, params string[] texts)
    {
        Assert.That(written.Where(e => e.Exception is not null || e.Message.Contains("   at ", StringComparison.Ordinal)), Is.Empty,
            "no stack traces for an expected failure:\n" + string.Join("\n", written));
        var all = string.Join("\n", written);
        Assert.That(all, Does.Not.Contain(phone.TrimStart('+')), "no phone number");
        Assert.That(all, Does.Not.Contain(tenant.AuthToken), "no Twilio token");
        foreach (var text in texts)
        {
            Assert.That(all, Does.Not.Contain(text));
        }
    }
}
